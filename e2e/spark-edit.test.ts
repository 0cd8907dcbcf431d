import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simTokens } from '../tools/sim/sim-content';
import { startModelSimulator, type ModelSimulator } from '../tools/sim/sim-server';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { editorValue, waitForEditorValue } from './helpers/monaco';
import { askSpark, editState, redirectSpark, selectLines, sparkCursor, waitForEditState } from './helpers/spark';

/** The starter file's `greet` function: lines 3–5. */
const GREET = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
/** What the simulated model writes: a comment of numbered words first, so growth and stops are visible. */
const NUMBERED = '// one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen\n';
const DRAFT = '// draft alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron\n';
const FINAL = '/** Greets someone by name. Redirected. */\n';
const fenced = (text: string) => '```\n' + text + '```';
/**
 * The simulator replies with `text` fenced and then holds the stream open after the token ending in
 * `word`: Spark is still working, with a known text typed, for as long as the test needs to act on it.
 */
const replyHeldAfter = (text: string, word: string) => {
  const response = fenced(text);
  return { response, fault: 'stall' as const, faultAfterTokens: simTokens(response).findIndex((t) => t.trim() === word) + 1 };
};

describe('Ask Spark with the simulator as the fast tier', () => {
  let sim: ModelSimulator;
  let people: TwoPeople;
  let alice: User;
  let bob: User;
  let beforeRedirect = '';

  beforeAll(async () => {
    // 10 tokens per second: each word of the reply lands about 100 ms after the one before.
    sim = await startModelSimulator({ behaviour: { tokensPerSecond: 10 } });
    // A held stream stays open until Stop, Esc or a redirect closes it, not until the stall timer fires.
    const env = {
      SPARKPAD_FAST_URL: sim.url, SPARKPAD_FAST_MODEL: 'sim', SPARKPAD_FAST_FORMAT: 'chat',
      SPARKPAD_FAST_STALL_TIMEOUT_MS: '300000', SPARKPAD_FAST_REQUEST_DEADLINE_MS: '600000',
    };
    people = await twoPeopleInASession({ env });
    ({ alice, bob } = people);
  });
  afterAll(async () => {
    await people?.close();
    await sim?.close();
  });

  it('streams Spark’s edit into both editors while its labelled cursor types', async () => {
    sim.setBehaviour(replyHeldAfter(NUMBERED + GREET, 'five'));
    const requests = sim.requests.length;
    await selectLines(alice.page, 3, 5);
    await askSpark(alice.page, 'number the words');
    await waitForEditState(alice.page, 'working');
    expect((await sim.waitForRequest(requests + 1)).endpoint).toBe('chat');

    for (const user of [alice, bob]) {
      await sparkCursor(user.page).waitFor({ state: 'visible' });
      expect(await sparkCursor(user.page).getByTestId('remote-cursor-label').textContent()).toBe('Spark');
    }
    // Growth: an early part of Spark's text, then a later part, both while the edit is still running.
    for (const words of ['// one two', '// one two three four five']) {
      await Promise.all([alice, bob].map((user) => waitForEditorValue(user.page, { includes: [words] })));
      expect(await editState(alice.page)).toBe('working');
    }
  });

  it('halts on Stop: the model stream closes and the text stops growing', async () => {
    const request = sim.requests.at(-1)!;
    await alice.page.getByTestId('spark-stop').click();
    await waitForEditState(alice.page, 'stop');
    const closed = await sim.waitForClose(request.id);
    expect(closed.closedByClient).toBe(true);
    // Nothing more can arrive once the upstream is closed; both editors settle on the same text.
    const stopped = (await editorValue(alice.page))!;
    await waitForEditorValue(bob.page, { equals: stopped });
    expect(stopped).toContain('// one two three four five');
    expect(stopped).not.toContain('six');
    beforeRedirect = stopped;
  });

  it('Esc stops a running edit too', async () => {
    sim.setBehaviour(replyHeldAfter(NUMBERED + GREET, 'five'));
    await selectLines(alice.page, 4, 6);
    await askSpark(alice.page, 'number them again');
    await waitForEditState(alice.page, 'working');
    // Spark has started writing this second edit: its comment appears a second time.
    await alice.page.waitForFunction(() => (window.sparkpad?.editorValue() ?? '').split('// one two').length - 1 >= 2);
    await alice.page.getByTestId('spark-instruction').press('Escape');
    await waitForEditState(alice.page, 'stop');
    expect((await sim.waitForClose(sim.requests.at(-1)!.id)).closedByClient).toBe(true);
    // Undo it, so the next test starts from the text after the first Stop.
    await alice.page.getByTestId('spark-undo').click();
    await alice.page.locator('[data-testid="spark-undo-status"][data-state="undone"]').waitFor();
    await Promise.all([alice, bob].map((user) => waitForEditorValue(user.page, { equals: beforeRedirect })));
  });

  it('redirects to a second instruction from the text as it stands', async () => {
    sim.setBehaviour(replyHeldAfter(DRAFT + GREET, 'beta'));
    const requests = sim.requests.length;
    await selectLines(alice.page, 4, 6);
    await askSpark(alice.page, 'write a draft');
    await Promise.all([alice, bob].map((user) => waitForEditorValue(user.page, { includes: ['// draft alpha beta'] })));
    expect(await editState(alice.page)).toBe('working');

    sim.setBehaviour({ response: fenced(FINAL + GREET), fault: 'none' });
    await redirectSpark(alice.page, 'make it a doc comment instead');
    await waitForEditState(alice.page, 'done');
    const [first, second] = [sim.requests[requests]!, sim.requests[requests + 1]!];
    expect((await sim.waitForClose(first.id)).closedByClient).toBe(true);
    // The second request rewrites the span as it stood: the draft Spark had written so far.
    expect(JSON.stringify(second.body)).toContain('make it a doc comment instead');
    expect(JSON.stringify(second.body)).toContain('// draft alpha beta');
    for (const user of [alice, bob]) {
      const value = await waitForEditorValue(user.page, { includes: [FINAL + GREET] });
      expect(value).not.toContain('// draft');
    }
  });

  it('undoes Spark’s whole redirected edit as one step, for everyone', async () => {
    await alice.page.getByTestId('spark-undo').click();
    await alice.page.locator('[data-testid="spark-undo-status"][data-state="undone"]').waitFor();
    await Promise.all([alice, bob].map((user) => waitForEditorValue(user.page, { equals: beforeRedirect })));
  });

  it('names the code and the tier when the model refuses the key', async () => {
    sim.setBehaviour({ fault: '401', response: undefined });
    await selectLines(alice.page, 1, 1);
    await askSpark(alice.page, 'anything');
    await waitForEditState(alice.page, 'failed');
    const status = alice.page.getByTestId('spark-edit-status');
    expect(await status.getAttribute('data-code')).toBe('TIER_UNAUTHORIZED');
    expect(await status.textContent()).toMatch(/TIER_UNAUTHORIZED.*fast tier/);
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });
});
