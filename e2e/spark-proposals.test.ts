import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_FILE } from '../lib/shared/document/doc-model';
import { startModelSimulator, type ModelSimulator } from '../tools/sim/sim-server';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { editorValue, waitForEditorValue } from './helpers/monaco';
import { waitUntilReady } from './helpers/session';
import { askSpark, selectLines, waitForEditState } from './helpers/spark';

const START = STARTER_FILE.content;
/** Lines 3–7 of the starter file rewritten: two lines change, the rest is repeated as it was. */
const REWRITE = START.split('\n').slice(2, 7).join('\n').replace('Hello, ', 'Hi there, ').replace("greet('world')", "greet('room')") + '\n';
const ACCEPTED = START.replace('Hello, ', 'Hi there, ');

const hunks = (user: User) => user.page.getByTestId('proposal-hunk');
const hunkWith = (user: User, text: string) => hunks(user).filter({ hasText: text });

describe('Spark proposes an edit to the room', () => {
  let sim: ModelSimulator;
  let people: TwoPeople;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    // 20 tokens a second: the proposal is still being written when Bob first sees it.
    sim = await startModelSimulator({ behaviour: { tokensPerSecond: 20, response: '```\n' + REWRITE + '```' } });
    people = await twoPeopleInASession({ env: { SPARKPAD_FAST_URL: sim.url, SPARKPAD_FAST_MODEL: 'sim', SPARKPAD_FAST_FORMAT: 'chat' } });
    ({ alice, bob } = people);
  });
  afterAll(async () => {
    await people?.close();
    await sim?.close();
  });

  it('shows Bob the diff, in Spark’s colour with the asker’s name, before anything changes in the text', async () => {
    await selectLines(alice.page, 3, 7);
    await askSpark(alice.page, 'friendlier greeting');
    await hunkWith(bob, 'Hi there, ').waitFor();
    expect(await editorValue(bob.page)).toBe(START);
    await waitForEditState(alice.page, 'done');
    await hunkWith(bob, "greet('room')").waitFor();
    for (const user of [alice, bob]) {
      expect(await hunks(user).count()).toBe(2);
      expect(await hunks(user).first().textContent()).toContain('asked by Alice');
      expect(await user.page.locator('.spark-proposal-removed-text').count()).toBeGreaterThan(0);
      expect(await editorValue(user.page)).toBe(START);
    }
    // Only the asker may accept or reject: Bob sees the proposal without its controls.
    await alice.page.getByTestId('proposal-accept').first().waitFor();
    await alice.page.getByTestId('spark-proposal-accept').waitFor();
    expect(await bob.page.getByTestId('proposal-accept').count()).toBe(0);
    expect(await bob.page.getByTestId('spark-proposal').textContent()).toContain('2 changes in main.ts');
    expect(await bob.page.getByTestId('spark-proposal-accept').count()).toBe(0);
    expect(await bob.page.getByTestId('spark-proposal-hunk').count()).toBe(0);
  });

  it('keeps the proposal over a reload', async () => {
    await alice.page.reload();
    await waitUntilReady(alice.page);
    await hunkWith(alice, 'Hi there, ').waitFor();
    await hunkWith(alice, "greet('room')").waitFor();
    expect(await editorValue(alice.page)).toBe(START);
  });

  it('ends with exactly the accepted text in both browsers when Alice accepts one hunk and rejects the other', async () => {
    // The rejection from the keyboard, in the proposals list: the hunk's own buttons are in the editor's layer.
    const listed = alice.page.getByTestId('spark-proposal-hunk').filter({ hasText: "greet('room')" });
    await listed.getByRole('button', { name: /^Reject the change in main\.ts/ }).focus();
    await alice.page.keyboard.press('Enter');
    await hunkWith(bob, "greet('room')").waitFor({ state: 'detached' });
    await hunkWith(alice, 'Hi there, ').getByTestId('proposal-accept').click();
    await Promise.all([alice, bob].map((user) => waitForEditorValue(user.page, { equals: ACCEPTED })));
    for (const user of [alice, bob]) await hunks(user).first().waitFor({ state: 'detached' });
    for (const user of [alice, bob]) await user.page.getByTestId('spark-proposal').waitFor({ state: 'detached' });
    expect(await editorValue(bob.page)).toBe(ACCEPTED);
  });
});
