/**
 * Keystroke to first suggested character, in real Chromium on the session page. Lines of
 * a real source file are typed one key at a time; the page stamps each keydown (capture phase, before
 * Monaco) and the first DOM mutation after it that adds ghost text (any element whose class contains
 * `ghost-text`, which both Monaco's inline suggestions and our own decorations carry). Monaco writes its
 * view inside an animation-frame callback, so that mutation is in the frame that paints the suggestion.
 * The next key waits for the suggestion (or a timeout), as a person who pauses to read it would.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startModelSimulator } from '../../tools/sim/sim-server';
import { createSession, ensureBuild, launchChromium, newPage, openEditor, startPageServer } from '../lib/browser';
import type { BenchContext, Part } from '../lib/part';
import { repoRoot } from '../lib/servers';
import { atMost, measured, notAvailable, round, summarize, type Figure, type Goal, type Summary } from '../lib/stats';

/** A file the embedded engine never trained on (EMBEDDED_HELDOUT_PACKAGES), so no configuration has seen it. */
const SOURCE = 'node_modules/pg-protocol/src/serializer.ts';
/** Keys typed before giving up on a page that shows no ghost text at all. */
const PROBE_KEYS = 20;

interface Config {
  name: string;
  /** The simulated tier's time to first token; null for the embedded engine alone. */
  simTtftMs: number | null;
  /** Report measured minus the simulator's time to first token (meaningless once hedging answers first). */
  overhead: boolean;
  /**
   * How long a key waits for its suggestion: well past the slowest answer expected (150 ms mid-word
   * debounce plus time to first token), yet short, because keys with no suggestion at all (often, for the
   * embedded engine) each cost the full wait; 1-2.5 s made this part take seven minutes.
   */
  timeoutMs: number;
  goal(all: Summary, overhead: Summary | null): Goal;
}

const CONFIGS: Config[] = [
  { name: 'embedded', simTtftMs: null, overhead: false, timeoutMs: 600, goal: (all) => atMost(all, 'p95', 100, 'ms') },
  {
    name: 'fast sim tier (TTFT 40 ms, 1500 tok/s)',
    simTtftMs: 40,
    overhead: true,
    timeoutMs: 800,
    goal: (_all, o) => ({ text: 'overhead p50 <= 15, p95 <= 40 ms', met: o !== null && o.p50 <= 15 && o.p95 <= 40 }),
  },
  { name: 'slow sim tier (TTFT 600 ms) + hedging', simTtftMs: 600, overhead: false, timeoutMs: 1200, goal: (all) => atMost(all, 'p95', 150, 'ms') },
];

/** The browser waits longer after a letter or digit (mid-word) than after punctuation: reported apart. */
const WORD_KEY = /^[\p{L}\p{N}_$]$/u;

/** In the page: pairs each keydown with the first ghost text added to the editor after it. */
function installGhostClock(): void {
  const w = window as unknown as { __benchKeyAt: number | null; __benchGhost: Array<[number, number]> };
  w.__benchKeyAt = null;
  w.__benchGhost = [];
  const clock = () => performance.timeOrigin + performance.now();
  window.addEventListener('keydown', () => (w.__benchKeyAt = clock()), { capture: true });
  const isGhost = (node: Node) =>
    node instanceof Element &&
    [node, ...node.querySelectorAll('[class*="ghost-text"]')].some((el) => /ghost-text/.test(el.className) && (el.textContent ?? '').trim() !== '');
  new MutationObserver((records) => {
    if (w.__benchKeyAt === null) return;
    if (!records.some((r) => [...r.addedNodes].some(isGhost))) return;
    w.__benchGhost.push([w.__benchKeyAt, clock()]);
    w.__benchKeyAt = null;
  }).observe(document.querySelector('.monaco-editor')!, { childList: true, subtree: true });
}

/** The keys to type: the file's lines without their indentation (Monaco indents after Enter). */
function keysToType(count: number): string[] {
  const lines = fs.readFileSync(path.join(repoRoot, SOURCE), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const keys: string[] = [];
  for (const line of lines) {
    keys.push(...line, 'Enter');
    if (keys.length >= count) break;
  }
  return keys.slice(0, count);
}

interface Sample {
  key: string;
  ms: number;
}

async function typeAndMeasure(page: Page, keys: string[], timeoutMs: number): Promise<{ samples: Sample[]; missed: number } | null> {
  await page.evaluate(installGhostClock);
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  const samples: Sample[] = [];
  let missed = 0;
  for (const [i, key] of keys.entries()) {
    // Escape first: Enter would otherwise accept an open suggest-widget item instead of breaking the line.
    if (key === 'Enter') await page.keyboard.press('Escape');
    const before = await page.evaluate(() => (window as unknown as { __benchGhost: unknown[] }).__benchGhost.length);
    await page.keyboard.press(key);
    const shown = await page
      .waitForFunction((n) => (window as unknown as { __benchGhost: unknown[] }).__benchGhost.length > n, before, { timeout: timeoutMs, polling: 10 })
      .then(() => true, () => false);
    if (shown) {
      const [keyAt, ghostAt] = await page.evaluate(() => (window as unknown as { __benchGhost: Array<[number, number]> }).__benchGhost.at(-1)!);
      samples.push({ key, ms: ghostAt - keyAt });
    } else missed++;
    if (i + 1 === PROBE_KEYS && samples.length === 0) return null;
    await page.waitForTimeout(20 + Math.random() * 20);
  }
  return { samples, missed };
}

function split(samples: Sample[]): string {
  const part = (word: boolean) => {
    const s = summarize(samples.filter((x) => WORD_KEY.test(x.key) === word).map((x) => x.ms));
    return `${s.samples} after ${word ? 'a letter/digit' : 'other keys'} p50 ${round(s.p50)} / p95 ${round(s.p95)} ms`;
  };
  return `${part(true)}; ${part(false)}`;
}

async function runConfig(config: Config, context: BenchContext): Promise<Figure[]> {
  const sim = config.simTtftMs === null ? null : await startModelSimulator();
  const env: Record<string, string> = sim
    ? // fim: the reply is the completion itself, so the simulator's first token is the first suggested
      // character (the chat format first echoes the cursor's line, which is model time, not ours).
      { SPARKPAD_FAST_URL: sim.url, SPARKPAD_FAST_MODEL: `sim:ttft=${config.simTtftMs},tps=1500`, SPARKPAD_FAST_FORMAT: 'fim' }
    : {};
  const server = await startPageServer(env);
  const browser = await launchChromium();
  const label = config.name;
  try {
    const session = await createSession(server);
    const page = await newPage(browser);
    const open = await openEditor(page, session.editUrl);
    if (!open.ok) return [notAvailable('keystroke', label, open.reason)];
    const result = await typeAndMeasure(page, keysToType(context.options.edits), config.timeoutMs);
    if (!result) return [notAvailable('keystroke', label, `no ghost text appeared in the first ${PROBE_KEYS} keystrokes`)];
    const all = summarize(result.samples.map((x) => x.ms));
    const overhead = config.overhead ? summarize(result.samples.map((x) => x.ms - config.simTtftMs!)) : null;
    const typed = result.samples.length + result.missed;
    const note =
      `${config.name}: a suggestion appeared after ${round((result.samples.length / typed) * 100)}% of ${typed} keystrokes ` +
      `(${config.timeoutMs} ms timeout; the others are not in the percentiles); ${split(result.samples)}`;
    const goal = config.goal(all, overhead);
    if (!overhead) return [measured('keystroke', label, 'ms', all, { goal, note })];
    return [
      measured('keystroke', label, 'ms', all, { note }),
      measured('keystroke', `  overhead: the above minus ${config.simTtftMs} ms`, 'ms', overhead, { goal }),
    ];
  } finally {
    await browser.close();
    await server.stop();
    await sim?.close();
  }
}

export const keystrokePart: Part = {
  name: 'keystroke',
  summary: 'keydown to first ghost-text character in Chromium: embedded, fast sim tier, slow sim tier with hedging',
  async run(context) {
    const built = await ensureBuild(context);
    if (!built.ok) return CONFIGS.map((c) => notAvailable('keystroke', c.name, built.reason));
    const figures: Figure[] = [];
    for (const config of CONFIGS) {
      context.log(config.name);
      figures.push(...(await runConfig(config, context)));
    }
    return figures;
  },
};
