import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelSimulator, type ModelSimulator } from '../tools/sim/sim-server';
import { onePersonInASession, type OnePerson } from './fixtures/one-person';
import type { User } from './helpers/browser';
import { editorValue, focusEditor, waitForEditorValue } from './helpers/monaco';
import { ghostText, suggestions, waitForGhostText } from './helpers/spark';

/**
 * Ghost text from a remote fast tier (the simulator, fill-in-the-middle format): it grows as chunks
 * stream, typing what it predicted keeps it, Esc drops it and closes the model request, and the status
 * bar describes every suggestion.
 */
describe('ghost text from a streaming fast tier, and its latency readout', () => {
  let sim: ModelSimulator;
  let person: OnePerson;
  let alice: User;

  beforeAll(async () => {
    sim = await startModelSimulator();
    const env = { SPARKPAD_FAST_URL: sim.url, SPARKPAD_FAST_MODEL: 'sim', SPARKPAD_FAST_FORMAT: 'fim', SPARKPAD_AI_PREFETCH: 'false' };
    person = await onePersonInASession({ env, sparkReady: true });
    ({ alice } = person);
  });
  afterAll(async () => {
    await person?.close();
    await sim?.close();
  });

  /** A new line at the end of the file, then `text`. */
  async function typeOnNewLine(text: string): Promise<void> {
    await focusEditor(alice.page);
    await alice.page.keyboard.press('Control+End');
    await alice.page.keyboard.press('Enter');
    await alice.page.keyboard.type(text);
  }

  it('grows the ghost text as the model’s chunks arrive', async () => {
    // 5 tokens per second: `simulated_…`, `(`, `alpha`, `,`, ` beta`, `)` arrive 200 ms apart.
    sim.setBehaviour({ tokensPerSecond: 5 });
    await typeOnNewLine('const first = ');
    const early = await waitForGhostText(alice.page);
    // Every key asks and the requests of the keys before were cancelled as they came: one is still open.
    const request = sim.requests.findLast((r) => r.closedAt === undefined)!;
    expect(request).toBeDefined();
    const later = await waitForGhostText(alice.page, early.trim().length);
    expect(later.startsWith(early.trimEnd())).toBe(true);
    expect(request.closedAt).toBeUndefined();
    await sim.waitForClose(request.id);
    expect(await waitForGhostText(alice.page, later.trim().length - 1)).toMatch(/^simulated_\w+\(alpha, beta\)$/);
  });

  it('keeps showing the rest when Alice types what it predicted, without asking again', async () => {
    const shown = await ghostText(alice.page);
    expect(shown.length).toBeGreaterThan(5);
    const asked = (await suggestions(alice.page)).length;
    await alice.page.keyboard.type(shown.slice(0, 5));
    await expect.poll(() => ghostText(alice.page)).toBe(shown.slice(5));
    expect((await suggestions(alice.page)).length).toBe(asked);
  });

  it('accepts one word on Ctrl+Right and keeps showing the rest', async () => {
    const shown = await ghostText(alice.page);
    const word = /^\w+/.exec(shown)![0];
    const before = (await editorValue(alice.page))!;
    await alice.page.keyboard.press('Control+ArrowRight');
    await waitForEditorValue(alice.page, { equals: before + word });
    await expect.poll(() => ghostText(alice.page)).toBe(shown.slice(word.length));
  });

  it('drops the ghost text on Esc and closes the model request', async () => {
    sim.setBehaviour({ tokensPerSecond: 2 });
    await typeOnNewLine('const second = ');
    await waitForGhostText(alice.page);
    const request = sim.requests.at(-1)!;
    expect(request.closedAt).toBeUndefined();
    await alice.page.keyboard.press('Escape');
    await expect.poll(() => ghostText(alice.page)).toBe('');
    expect((await sim.waitForClose(request.id)).closedByClient).toBe(true);
    expect(await ghostText(alice.page)).toBe('');
  });

  it('shows the tier and keystroke-to-first-character of each suggestion in the status bar', async () => {
    sim.setBehaviour({ tokensPerSecond: 0 });
    const readout = alice.page.getByTestId('spark-latency');
    const seen = new Set<string>();
    for (const name of ['third', 'fourth', 'fifth']) {
      const before = await readout.getAttribute('data-suggestion-id').catch(() => null);
      await typeOnNewLine(`const ${name} = `);
      await waitForGhostText(alice.page);
      await expect.poll(() => readout.getAttribute('data-suggestion-id')).not.toBe(before);
      await alice.page.locator('[data-testid="spark-latency"][data-tier="fast"]').waitFor();
      const id = (await readout.getAttribute('data-suggestion-id'))!;
      const keystrokeMs = Number(await readout.getAttribute('data-keystroke-ms'));
      expect(keystrokeMs).toBeGreaterThan(0);
      expect(keystrokeMs).toBeLessThan(5000);
      expect(await readout.textContent()).toMatch(new RegExp(`fast · key→text ${Math.round(keystrokeMs)} ms · TTFT \\d+ ms`));
      seen.add(id);
    }
    expect(seen.size).toBe(3);
    // The same figures are on window.sparkpad for the benchmark.
    const measured = (await suggestions(alice.page)).filter((s) => seen.has(s.id));
    expect(measured.map((s) => s.tier)).toEqual(['fast', 'fast', 'fast']);
    expect(measured.every((s) => s.keystrokeToFirstCharMs! > 0 && s.firstTokenMs !== null)).toBe(true);
  });

  it('says why when the fast tier fails and the embedded engine takes over, naming the tier', async () => {
    sim.setBehaviour({ fault: '401' });
    await typeOnNewLine('const sixth = ');
    const problem = alice.page.locator('[data-testid="spark-suggestion-problem"][data-kind="notice"]');
    await problem.waitFor();
    // Each keystroke asks: after the first refusals the tier rests, and the notice says so with the refusal.
    expect(await problem.textContent()).toMatch(/TIER_UNAUTHORIZED: .*fast tier.*Using the embedded engine instead|TIER_COOLING_DOWN: The fast tier failed \d+ times .*Last error: .*fast tier/);
    expect(alice.errors).toEqual([]);
  });
});
