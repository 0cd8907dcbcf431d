import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startModelSimulator, type ModelSimulator } from '../tools/sim/sim-server';
import { connectClient, synced, type YjsClient } from '../test/helpers/yjs-client';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { fileTreeItem } from './helpers/session';

/**
 * Fix with Spark in real browsers: a run that throws, the fix the model simulator is scripted to write
 * (search/replace blocks), proposed to the room, accepted, and the file run again in the browser of the
 * person who ran it.
 */
const FILES = {
  'crash.ts': "import { total } from './cart';\nconsole.log('total', total([]));\n",
  'cart.ts': [
    'export function total(prices: number[]): number {',
    "  if (prices.length === 0) throw new RangeError('empty cart');",
    '  return prices.reduce((sum, price) => sum + price, 0);',
    '}',
    '',
  ].join('\n'),
};
const FIX = [
  'An empty cart throws instead of totalling to 0.',
  '',
  'cart.ts',
  '```ts',
  '<<<<<<< SEARCH',
  "  if (prices.length === 0) throw new RangeError('empty cart');",
  '=======',
  '  if (prices.length === 0) return 0;',
  '>>>>>>> REPLACE',
  '```',
].join('\n');

describe('fix a run with Spark', () => {
  let sim: ModelSimulator;
  let people: TwoPeople;
  let alice: User;
  let bob: User;
  let viewer: User;
  let writer: YjsClient;

  const entries = (page: Page) => page.getByTestId('run-entry');
  const failed = (page: Page) => entries(page).filter({ has: page.getByTestId('run-fix') }).first();
  const chatAnswer = (page: Page) => page.locator('[data-testid="chat-message"][data-role="spark"]').filter({ hasText: 'Proposed a fix' });

  beforeAll(async () => {
    sim = await startModelSimulator({ port: 0 });
    people = await twoPeopleInASession({
      env: { SPARKPAD_DEEP_URL: sim.url },
      viewer: true,
      beforeOpen: async ({ server, session }) => {
        writer = connectClient(server.wsUrl, session.room, session.editToken);
        await synced(writer);
        for (const [path, text] of Object.entries(FILES)) writer.text(path).insert(0, text);
      },
    });
    ({ alice, bob } = people);
    viewer = people.viewer!;
  });
  afterAll(async () => {
    writer?.destroy();
    await people?.close();
    await sim?.close();
  });

  it('offers "Fix with Spark" under a run that throws, with where it failed, to editors only', async () => {
    await fileTreeItem(alice.page, 'crash.ts').click();
    await alice.page.waitForFunction(() => window.sparkpad?.openFile() === 'crash.ts');
    await alice.page.getByTestId('run-button').click();
    for (const page of [alice.page, bob.page, viewer.page]) {
      await failed(page).waitFor();
      expect(await failed(page).getAttribute('data-status')).toBe('error');
      expect(await failed(page).getByTestId('run-fix-where').textContent()).toBe('RangeError at cart.ts:2');
      expect(await failed(page).textContent()).toContain('at total (cart.ts:2:');
    }
    expect(await failed(bob.page).getByTestId('run-fix-button').count()).toBe(1);
    expect(await failed(viewer.page).getByTestId('run-fix-button').count()).toBe(0);
  });

  it('proposes the fix to the room; the file changes only once it is accepted', async () => {
    sim.setBehaviour({ response: FIX });
    await failed(alice.page).getByTestId('run-fix-button').click();
    await alice.page.locator('[data-testid="run-fix-status"][data-state="proposed"]').waitFor();
    // The model was told the error and the failing line, read from the document by the server.
    const prompt = (sim.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;
    expect(prompt).toContain('RangeError: empty cart (cart.ts:2)');
    expect(prompt).toContain("cart.ts:2 (total): if (prices.length === 0) throw new RangeError('empty cart');");
    // Everyone reads Spark's account in the chat; nothing in the file has changed yet.
    for (const page of [alice.page, bob.page]) {
      await page.getByTestId('ai-tab-chat').click();
      await chatAnswer(page).waitFor();
      expect(await chatAnswer(page).textContent()).toContain('An empty cart throws instead of totalling to 0.');
    }
    expect(await bob.page.evaluate(() => window.sparkpad!.fileText('cart.ts'))).toBe(FILES['cart.ts']);
  });

  it('runs the file again in Alice’s browser after the fix is accepted, and says it passes now', async () => {
    // The proposal is drawn in the editor of the file it changes: Alice opens cart.ts and accepts it there.
    await fileTreeItem(alice.page, 'cart.ts').click();
    const hunk = alice.page.getByTestId('proposal-hunk').filter({ hasText: 'return 0;' });
    await hunk.waitFor();
    await hunk.getByTestId('proposal-accept').click();
    const fixed = FILES['cart.ts'].replace("throw new RangeError('empty cart');", 'return 0;');
    await bob.page.waitForFunction((text) => window.sparkpad?.fileText('cart.ts') === text, fixed);
    const rerun = (page: Page) => page.locator('[data-testid="run-entry"][data-rerun="true"]');
    for (const page of [alice.page, bob.page]) {
      await rerun(page).waitFor();
      expect(await rerun(page).getAttribute('data-status')).toBe('ok');
      expect(await rerun(page).textContent()).toContain('total 0');
      expect(await rerun(page).textContent()).toContain('Alice ran crash.ts');
      expect(await rerun(page).textContent()).toContain('again, after Spark’s fix');
      await chatAnswer(page).filter({ hasText: 'crash.ts passes now' }).waitFor();
    }
    for (const user of [alice, bob, viewer]) expect(user.errors.filter((e) => e !== 'Canceled')).toEqual([]);
  });
});
