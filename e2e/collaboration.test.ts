import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../test/helpers/server-process';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import { foreignRequests, newUser, type User } from './helpers/browser';
import { editorValue, focusEditor, typeAtEnd, waitForEditorValue } from './helpers/monaco';
import { fileTreeItem, openSession, type CreatedSession } from './helpers/session';

describe('two people and a viewer in one session', () => {
  let people: TwoPeople;
  let server: ServerProcess;
  let session: CreatedSession;
  let alice: User;
  let bob: User;
  let viewer: User;

  beforeAll(async () => {
    people = await twoPeopleInASession({ sparkReadyFor: null });
    ({ server, session, alice, bob } = people);
    // The viewer opens the view link in a test of its own.
    viewer = await newUser(people.browser);
  });
  afterAll(() => people?.close());

  it('shows what one person types in the other person’s editor', async () => {
    await typeAtEnd(alice.page, '// typed by Alice');
    const seen = await waitForEditorValue(bob.page, { includes: ['// typed by Alice'] });
    expect(seen).toBe(await editorValue(alice.page));
  });

  it('draws the other person’s cursor with their name', async () => {
    const label = bob.page.getByTestId('remote-cursor-label').filter({ hasText: 'Alice' });
    await label.waitFor({ state: 'visible' });
    expect(await label.textContent()).toBe('Alice');
    // Alice's caret sits at the end of her line, where she stopped typing.
    const caret = bob.page.getByTestId('remote-cursor').filter({ has: label });
    const line = bob.page.locator('.view-line', { hasText: 'typed by Alice' });
    const [caretBox, lineBox] = await Promise.all([caret.boundingBox(), line.boundingBox()]);
    expect(caretBox && lineBox && Math.abs(caretBox.y - lineBox.y)).toBeLessThan(2);
  });

  it('lists both people with the file they are in', async () => {
    const items = bob.page.getByTestId('presence-item');
    await items.filter({ hasText: 'Alice' }).waitFor();
    // Spark, the AI, is a member of the room too, listed with an AI tag: two people besides it.
    expect(await items.filter({ hasNot: bob.page.locator('.presence-tag.spark') }).count()).toBe(2);
    expect(await items.filter({ hasText: 'Alice' }).textContent()).toContain('main.ts');
  });

  it('lets a view-only link watch but not type', async () => {
    await openSession(viewer.page, session.viewUrl);
    await viewer.page.getByTestId('read-only-badge').waitFor();
    const before = await waitForEditorValue(viewer.page, { includes: ['// typed by Alice'] });

    await focusEditor(viewer.page);
    await viewer.page.keyboard.press('Control+End');
    await viewer.page.keyboard.type('VIEWER WAS HERE');
    // Monaco refuses the keystrokes in a read-only editor at once: the model never changed.
    expect(await editorValue(viewer.page)).toBe(before);

    // An edit made after the viewer's attempt reaches everyone; by then any leaked viewer edit would too.
    await typeAtEnd(alice.page, ' and more');
    for (const user of [alice, bob, viewer]) {
      const value = await waitForEditorValue(user.page, { includes: ['// typed by Alice and more'] });
      expect(value).not.toContain('VIEWER WAS HERE');
    }
    expect(await viewer.page.getByTestId('new-file-button').count()).toBe(0);
  });

  it('shows a file created by one person in the other’s file tree', async () => {
    await alice.page.getByTestId('new-file-button').click();
    await alice.page.getByTestId('new-file-input').fill('utils.ts');
    await alice.page.getByTestId('new-file-input').press('Enter');
    await fileTreeItem(alice.page, 'utils.ts').waitFor();
    await fileTreeItem(bob.page, 'utils.ts').waitFor();
    await fileTreeItem(viewer.page, 'utils.ts').waitFor();
    expect(await bob.page.getByTestId('file-tree-item').count()).toBe(2);
    // Alice is in the new file now; Bob's presence list says so.
    await bob.page.getByTestId('presence-item').filter({ hasText: 'Alice' }).filter({ hasText: 'utils.ts' }).waitFor();
  });

  it('follows a person into their file when clicked, until you move yourself', async () => {
    expect(await bob.page.evaluate(() => window.sparkpad?.openFile())).toBe('main.ts');
    await bob.page.getByTestId('presence-item').filter({ hasText: 'Alice' }).click();
    await bob.page.waitForFunction(() => window.sparkpad?.openFile() === 'utils.ts');
    await bob.page.getByTestId('following-indicator').waitFor();
    await focusEditor(bob.page);
    await bob.page.getByTestId('following-indicator').waitFor({ state: 'detached' });
  });

  it('checks TypeScript in the new file with Monaco’s own language worker', async () => {
    expect(await alice.page.getByTestId('status-language').textContent()).toBe('typescript');
    await typeAtEnd(alice.page, 'export const answer: number = true;');
    const markers = await alice.page.waitForFunction(() => {
      const messages = window.sparkpad?.markers() ?? [];
      return messages.length > 0 ? messages : null;
    });
    expect(await markers.jsonValue()).toEqual([expect.stringContaining("not assignable to type 'number'")]);
  });

  it('loads Monaco and its workers from the app itself, never a CDN', () => {
    expect(alice.workers.length).toBeGreaterThanOrEqual(2);
    for (const user of [alice, bob, viewer]) {
      expect(foreignRequests(user, server.url)).toEqual([]);
      expect(user.workers.every((url) => url.startsWith(server.url))).toBe(true);
      expect(user.errors).toEqual([]);
    }
  });
});
