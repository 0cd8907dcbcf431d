/**
 * Keystroke to ghost text in real Chromium on the session page, as a person in a shared room sees it: a
 * second person is in the room (bench/lib/room-peer.ts, a caret the page draws), Spark's cursor is shown,
 * and the probe (bench/lib/ghost-probe.ts) runs from the keydown to the first frame showing new ghost text.
 * Each configuration first measures the floor on the same page: an instant provider inside the page
 * (`window.sparkpad.instantSuggestions`), so every figure is also "floor + N ms". Keystrokes whose ghost
 * text needed a model answer are reported apart from those served without one (typed-through, cache,
 * prefetch, a running stream reused).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startModelSimulator } from '../../tools/sim/sim-server';
import { createSession, ensureBuild, launchChromium, newPage, openEditor, startPageServer } from '../lib/browser';
import { heldOutFiles } from '../lib/held-out';
import { installGhostProbe, typeAndProbe, type KeySample } from '../lib/ghost-probe';
import type { BenchContext, Part } from '../lib/part';
import { joinRoom } from '../lib/room-peer';
import { repoRoot } from '../lib/servers';
import { measured, notAvailable, round, single, summarize, type Figure, type Goal, type Summary } from '../lib/stats';

/** A file the embedded engine never trained on (EMBEDDED_HELDOUT_PACKAGES), so no configuration has seen it. */
const SOURCE = 'node_modules/pg-protocol/src/serializer.ts';
const FLOOR_KEYS = 60;
const LARGE_FILE_LINES = 5_000;

interface Config {
  /** What `--configs` names it by. */
  key: 'embedded' | 'fast' | 'slow' | 'large';
  name: string;
  /** The simulated tier's time to first token; null for the embedded engine alone. */
  simTtftMs: number | null;
  largeFile: boolean;
  /** How long a key waits for its ghost text: well past the slowest answer expected. */
  timeoutMs: number;
  goal?(model: Summary): Goal;
}

const CONFIGS: Config[] = [
  { key: 'embedded', name: 'embedded', simTtftMs: null, largeFile: false, timeoutMs: 500, goal: (s) => ({ text: 'p50 <= 30, p95 <= 45 ms', met: s.p50 <= 30 && s.p95 <= 45 }) },
  {
    key: 'fast',
    name: 'fast sim tier (TTFT 40 ms)',
    simTtftMs: 40,
    largeFile: false,
    timeoutMs: 700,
    goal: (s) => ({ text: 'over TTFT: p50 <= 30, p95 <= 40 ms', met: s.p50 - 40 <= 30 && s.p95 - 40 <= 40 }),
  },
  { key: 'slow', name: 'slow sim tier (TTFT 600 ms) + hedging', simTtftMs: 600, largeFile: false, timeoutMs: 1200 },
  { key: 'large', name: `embedded, ${LARGE_FILE_LINES.toLocaleString('en')}-line file`, simTtftMs: null, largeFile: true, timeoutMs: 500 },
];

/** The keys to type: the file's lines without their indentation, each ended by Enter. */
function keysToType(count: number): string[] {
  const lines = fs.readFileSync(path.join(repoRoot, SOURCE), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const keys: string[] = [];
  for (const line of lines) {
    keys.push(...line, 'Enter');
    if (keys.length >= count) break;
  }
  return keys.slice(0, count);
}

/**
 * A person's large file is real code, so it is made of real code: whole hand-written sources of the
 * held-out packages other than the typed file's (none of it is what gets typed), to at least `lines`
 * lines. A real file type-checks; these sources cut off from their imports would carry thousands of
 * errors no such file has (and the editor would spend the run drawing them), so the file opts out of type
 * errors with `// @ts-nocheck`, as a checked file has none to show.
 */
function largeFile(lines: number): string {
  const typedPackage = SOURCE.split('/')[1];
  const sources = heldOutFiles().filter((file) => file.pkg !== typedPackage);
  const out = ['// @ts-nocheck'];
  for (let i = 0; out.length < lines; i++) out.push(...sources[i % sources.length]!.text.trimEnd().split('\n'), '');
  return `${out.join('\n')}\n`;
}

const fmt = (s: Summary) => `p50 ${round(s.p50)} / p95 ${round(s.p95)} ms`;

async function startTyping(page: Page): Promise<void> {
  await page.evaluate(installGhostProbe);
  await page.click('.monaco-editor .view-lines');
  await page.evaluate(() => window.sparkpad?.typingAids(false));
  await page.waitForFunction(() => window.sparkpad?.typingAidsOn() === false);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
}

async function runConfig(config: Config, context: BenchContext): Promise<Figure[]> {
  const sim = config.simTtftMs === null ? null : await startModelSimulator();
  const env: Record<string, string> = sim
    ? // fim: the reply is the completion itself, so the simulator's first token is the first suggested character.
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
    const peer = await joinRoom(session.editUrl);
    if (config.largeFile) peer.prepend(largeFile(LARGE_FILE_LINES));
    await page.locator('[data-testid="spark-connection"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await startTyping(page);
    const keys = keysToType(context.options.edits + FLOOR_KEYS);
    await page.evaluate(() => window.sparkpad?.instantSuggestions(' /* floor */'));
    const floorRun = await typeAndProbe(page, keys.slice(0, FLOOR_KEYS), config.timeoutMs);
    await page.evaluate(() => window.sparkpad?.instantSuggestions(null));
    const run = await typeAndProbe(page, keys.slice(FLOOR_KEYS), config.timeoutMs);
    peer.destroy();
    const floor = summarize(floorRun.samples.map((s) => s.ms));
    return figures(config, floor, run.samples, run.samples.length + run.missed);
  } finally {
    await browser.close();
    await server.stop();
    await sim?.close();
  }
}

function figures(config: Config, floor: Summary, samples: KeySample[], typed: number): Figure[] {
  const label = config.name;
  const model = summarize(samples.filter((s) => s.served === 'model').map((s) => s.ms));
  const without = samples.filter((s) => s.served !== 'model');
  const other = summarize(without.map((s) => s.ms));
  const plus = (s: Summary) => `floor + ${round(s.p50 - floor.p50)} / ${round(s.p95 - floor.p95)} ms`;
  const kinds = ['typed-through', 'reuse', 'cache', 'prefetch'].map((k) => `${k} ${without.filter((s) => s.served === k).length}`).join(', ');
  const rows: Figure[] = [
    measured('keystroke', `${label}: floor (instant provider in the page)`, 'ms', floor),
    measured('keystroke', `${label}: needed a model answer`, 'ms', model, {
      goal: config.goal?.(model),
      note: `${plus(model)}${config.simTtftMs ? `; over the ${config.simTtftMs} ms TTFT: p50 ${round(model.p50 - config.simTtftMs)} / p95 ${round(model.p95 - config.simTtftMs)} ms` : ''}`,
    }),
    measured('keystroke', `${label}: served without one`, 'ms', other, { note: `${plus(other)}; ${kinds}` }),
    single('keystroke', `${label}: share of ${typed} keystrokes served with no model call`, '%', round((without.length / typed) * 100), {
      note: `${samples.length} of ${typed} keystrokes showed ghost text (${config.timeoutMs} ms timeout); all: ${fmt(summarize(samples.map((s) => s.ms)))}`,
    }),
  ];
  return rows;
}

export const keystrokePart: Part = {
  name: 'keystroke',
  summary: 'keydown to the first frame with new ghost text in Chromium, with a peer in the room, against the floor on the same page',
  async run(context) {
    const built = await ensureBuild(context);
    if (!built.ok) return CONFIGS.map((c) => notAvailable('keystroke', c.name, built.reason));
    const figures: Figure[] = [];
    const only = context.options.configs;
    for (const config of CONFIGS.filter((c) => !only || only.includes(c.key))) {
      context.log(config.name);
      figures.push(...(await runConfig(config, context)));
    }
    const small = figures.find((f) => f.name === 'embedded: needed a model answer');
    const large = figures.find((f) => f.name.startsWith('embedded, 5,000-line file: needed'));
    if (small?.p50 !== undefined && large?.p50 !== undefined) {
      const delta = large.p50 - small.p50;
      figures.push(single('keystroke', '5,000-line file minus small file (p50, model answers)', 'ms', round(delta), { goal: { text: '<= 5 ms', met: delta <= 5 } }));
    }
    return figures;
  },
};
