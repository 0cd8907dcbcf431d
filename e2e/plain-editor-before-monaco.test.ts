import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { STARTER_FILE } from '../lib/shared/document/doc-model';
import { servedSession, type ServedSession } from './fixtures/served-session';
import { newUser, type User } from './helpers/browser';
import { editorValue, waitForEditorValue } from './helpers/monaco';
import { openSession, waitUntilReady } from './helpers/session';

/**
 * Holds back the script chunk that sets up Monaco (the one defining MonacoEnvironment) until released,
 * so the page is on its plain editor for as long as the test needs.
 */
async function holdMonaco(user: User): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await user.page.route('**/_next/static/chunks/*.js', async (route: Route) => {
    const response = await route.fetch();
    const body = await response.body();
    if (body.includes('MonacoEnvironment')) await released;
    await route.fulfill({ response, body });
  });
  return release;
}

describe('a file can be typed into before Monaco has loaded', () => {
  let served: ServedSession & { alice: User; bob: User };

  beforeAll(async () => {
    served = await servedSession(undefined, async ({ browser, session }) => {
      const [alice, bob] = await Promise.all([newUser(browser, { noServiceWorker: true }), newUser(browser)]);
      await openSession(bob.page, session.editUrl);
      return { alice, bob };
    });
  });
  afterAll(() => served?.close());

  it('sends what is typed in the plain editor to the other person, and Monaco takes over with nothing lost', async () => {
    const { alice, bob, session } = served;
    const release = await holdMonaco(alice);
    await alice.page.goto(session.editUrl);
    const plain = alice.page.locator('textarea[data-plain-editor]');
    await plain.click();
    await alice.page.keyboard.press('Control+End');
    await alice.page.keyboard.type('// typed before Monaco');
    expect(await alice.page.locator('.monaco-editor').count()).toBe(0);
    await waitForEditorValue(bob.page, { includes: ['// typed before Monaco'] });

    // Monaco arrives while Alice keeps typing: wherever the handover falls, every key lands once, in order.
    release();
    await alice.page.keyboard.type(', typed while Monaco loads', { delay: 15 });
    await waitUntilReady(alice.page);
    // No click: the caret and the focus came over from the plain editor.
    await alice.page.keyboard.type(', typed in Monaco');

    const expected = `${STARTER_FILE.content}// typed before Monaco, typed while Monaco loads, typed in Monaco`;
    expect(await waitForEditorValue(bob.page, { equals: expected })).toBe(expected);
    expect(await editorValue(alice.page)).toBe(expected);
    expect(await plain.count()).toBe(0);
    expect(alice.errors).toEqual([]);
  });
});
