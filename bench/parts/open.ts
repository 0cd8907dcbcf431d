/**
 * Opening a session link in Chromium, cold: each run is a fresh browser context (empty cache, no storage),
 * as a person clicking a link for the first time. The session holds the starter file from its creation;
 * one unmeasured open first warms the server (its page and room). From the navigation's start: HTML
 * received, the app's JavaScript fetched (the last script requested before the text showed), the signed
 * identity answered, Yjs synced, the file's text on screen, the file editable in the plain editor (a
 * textarea bound to the shared document, shown until Monaco takes over), Monaco requested, its module
 * evaluated, the editor created, and the file editable in Monaco. "Editable" is the earlier of the two:
 * from then on a key typed lands in the shared document (e2e/plain-editor-before-monaco.test.ts). The
 * JavaScript a first paint needs is fetched again here and gzipped, so its size does not depend on how
 * the server compresses. A returning visitor (same context, reloads) is measured too, with the bytes of
 * script it fetched over the network.
 */
import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { STARTER_FILE } from '../../lib/shared/document/doc-model';
import { createSession, ensureBuild, launchChromium, startPageServer } from '../lib/browser';
import { readTrace, traceContext, type OpenTrace, type ScriptTiming } from '../lib/open-trace';
import type { Part } from '../lib/part';
import { atMost, measured, notAvailable, round, single, summarize, type Figure } from '../lib/stats';

const PART = 'open';
const COLD_RUNS = 10;
const WARM_RUNS = 5;
const GOAL_P50_MS = 1000;
const EDITABLE_GOAL_P50_MS = 1000;
/** Text of the starter file with no spaces (Monaco renders them as U+00A0, normalised anyway). */
const MARKER = STARTER_FILE.content.split('\n').find((line) => line.includes('function'))!.trim();

async function openOnce(browser: Browser, url: string): Promise<OpenTrace> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await traceContext(context, MARKER);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    return await readTrace(page);
  } finally {
    await context.close();
  }
}

async function returningVisits(browser: Browser, url: string): Promise<OpenTrace[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await traceContext(context, MARKER);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await readTrace(page);
    const traces: OpenTrace[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      // A reload: going to the same URL again would be a fragment navigation, not a new load.
      await page.reload({ waitUntil: 'commit' });
      traces.push(await readTrace(page));
    }
    return traces;
  } finally {
    await context.close();
  }
}

/** Scripts this page requested before `until`; same-origin only (there is no other origin). */
const scriptsBefore = (trace: OpenTrace, until: number) => trace.scripts.filter((s) => s.startTime < until);

async function gzipBytes(scripts: ScriptTiming[]): Promise<number> {
  let total = 0;
  for (const url of new Set(scripts.map((s) => s.url))) {
    const response = await fetch(url);
    total += zlib.gzipSync(Buffer.from(await response.arrayBuffer())).length;
  }
  return total;
}

function row(name: string, values: number[], extra: Partial<Figure> = {}): Figure {
  return measured(PART, name, 'ms', summarize(values.map((v) => round(v))), extra);
}

export const openPart: Part = {
  name: PART,
  summary: 'cold open of a session link in Chromium (empty cache, 10 runs) until the text is visible and editable, goal p50 <= 1.0 s for each',
  async run(context) {
    const built = await ensureBuild(context);
    if (!built.ok) return [notAvailable(PART, 'link -> text visible', built.reason)];
    const server = await startPageServer();
    const browser = await launchChromium();
    try {
      const session = await createSession(server);
      await openOnce(browser, session.editUrl);
      const cold: OpenTrace[] = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        cold.push(await openOnce(browser, session.editUrl));
        const t = cold.at(-1)!;
        context.log(`cold ${i + 1}: text ${Math.round(t.textVisible)} ms, plain editor ${Math.round(t.plainEditable)} ms, Monaco ${Math.round(t.monacoText)} ms`);
      }
      const warm = await returningVisits(browser, session.editUrl);
      const mark = (t: OpenTrace, step: string) => t.marks[step] ?? NaN;
      const lastScript = (t: OpenTrace) => Math.max(0, ...scriptsBefore(t, t.textVisible).map((s) => s.responseEnd));
      const first = cold[0]!;
      const firstPaintScripts = scriptsBefore(first, first.textVisible);
      const monacoEditable = (t: OpenTrace) => Math.max(t.monacoText, mark(t, 'editable'));
      const editableAt = (t: OpenTrace) => (Number.isNaN(t.plainEditable) ? monacoEditable(t) : Math.min(t.plainEditable, monacoEditable(t)));
      const editableScripts = scriptsBefore(first, editableAt(first));
      const monacoScripts = scriptsBefore(first, monacoEditable(first));
      const [firstPaintGzip, editableGzip, monacoGzip] = await Promise.all([gzipBytes(firstPaintScripts), gzipBytes(editableScripts), gzipBytes(monacoScripts)]);
      const visible = summarize(cold.map((t) => t.textVisible));
      const editableTimes = cold.map(editableAt);
      const editable = summarize(editableTimes);
      const plainOffered = cold.filter((t) => !Number.isNaN(t.plainEditable)).length;
      const warmNetworkScript = Math.max(...warm.map((t) => t.scripts.reduce((sum, s) => sum + s.transferSize, 0)));
      return [
        row('link -> text visible (cold)', cold.map((t) => t.textVisible), { goal: atMost(visible, 'p50', GOAL_P50_MS, 'ms') }),
        row('link -> editable (cold: plain editor, else Monaco)', editableTimes, { goal: atMost(editable, 'p50', EDITABLE_GOAL_P50_MS, 'ms') }),
        row('link -> editable in Monaco (cold)', cold.map(monacoEditable)),
        row('  HTML received', cold.map((t) => t.htmlReceived)),
        row('  first lines drawn (inline script, before the JS)', cold.map((t) => mark(t, 'static-text'))),
        row('  first-paint JS fetched', cold.map(lastScript)),
        row('  identity answered', cold.map((t) => mark(t, 'identity'))),
        row('  Yjs synced', cold.map((t) => mark(t, 'yjs-synced'))),
        row('  plain editor takes input, bound to the document', cold.map((t) => t.plainEditable).filter((v) => !Number.isNaN(v)), { note: `offered in ${plainOffered} of ${cold.length} opens` }),
        row('  Monaco requested', cold.map((t) => mark(t, 'monaco-requested'))),
        row('  Monaco evaluated (JS fetched and run)', cold.map((t) => mark(t, 'monaco-evaluated'))),
        row('  Monaco ready (editor created)', cold.map((t) => mark(t, 'monaco-ready'))),
        single(PART, 'first-paint JS (gzip)', 'kB', round(firstPaintGzip / 1024), { note: `${new Set(firstPaintScripts.map((s) => s.url)).size} scripts before the text showed` }),
        single(PART, 'JS until editable (gzip)', 'kB', round(editableGzip / 1024), { note: `${new Set(editableScripts.map((s) => s.url)).size} scripts` }),
        single(PART, 'JS until editable in Monaco (gzip)', 'kB', round(monacoGzip / 1024), { note: `${new Set(monacoScripts.map((s) => s.url)).size} scripts` }),
        row('link -> text visible (returning visitor)', warm.map((t) => t.textVisible)),
        single(PART, 'returning visitor: script bytes over the network', 'kB', round(warmNetworkScript / 1024)),
      ];
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
