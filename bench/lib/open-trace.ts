/**
 * One page load of a session link, traced in the page: the navigation and resource timings the browser
 * keeps, the app's `sparkpad:*` marks (lib/ui/open-timeline.ts), and three times the bench observes itself,
 * so the app cannot claim them: the first animation frame whose DOM holds the file's text anywhere (the
 * static render or Monaco), the first whose plain editor (the textarea typed into before Monaco, bound
 * to the shared document) holds it and takes input, and the first whose Monaco view lines hold it. All
 * times are milliseconds from the navigation's start (the page's time origin).
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface ScriptTiming {
  url: string;
  startTime: number;
  responseEnd: number;
  /** Bytes that came over the network (0 when served from the cache). */
  transferSize: number;
}

export interface OpenTrace {
  htmlReceived: number;
  domContentLoaded: number;
  textVisible: number;
  /** NaN when the page never offered the plain editor (Monaco came first, or the link is view-only). */
  plainEditable: number;
  monacoText: number;
  marks: Record<string, number>;
  scripts: ScriptTiming[];
}

/** Installed before any page script: polls once per frame, stops once Monaco shows the text. */
function installTextClock(marker: string): void {
  const w = window as unknown as { __openTrace: { textVisible: number | null; plainEditable: number | null; monacoText: number | null } };
  w.__openTrace = { textVisible: null, plainEditable: null, monacoText: null };
  const normal = (text: string | null | undefined) => (text ?? '').replace(/\u00a0/g, ' ');
  const tick = () => {
    const trace = w.__openTrace;
    const now = performance.now();
    if (trace.textVisible === null && normal(document.body?.textContent).includes(marker)) trace.textVisible = now;
    if (trace.plainEditable === null) {
      const plain = document.querySelector<HTMLTextAreaElement>('textarea[data-plain-editor]');
      if (plain && !plain.readOnly && !plain.disabled && normal(plain.value).includes(marker)) trace.plainEditable = now;
    }
    if (trace.monacoText === null) {
      const lines = document.querySelector('.monaco-editor .view-lines');
      if (lines && normal(lines.textContent).includes(marker)) trace.monacoText = now;
    }
    if (trace.monacoText === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Prepares a context so every page opened in it is traced from its first byte. */
export async function traceContext(context: BrowserContext, marker: string): Promise<void> {
  // tsx compiles with keepNames, wrapping inner functions in `__name(...)`; the page needs the helper.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  await context.addInitScript(installTextClock, marker);
}

/** Waits until the document is editable in Monaco, then reads the trace. */
export async function readTrace(page: Page, timeoutMs = 60_000): Promise<OpenTrace> {
  await page.waitForFunction(
    () => {
      const trace = (window as unknown as { __openTrace?: { monacoText: number | null } }).__openTrace;
      return trace?.monacoText != null && performance.getEntriesByName('sparkpad:editable', 'mark').length > 0;
    },
    null,
    { timeout: timeoutMs, polling: 20 },
  );
  return page.evaluate(() => {
    const trace = (window as unknown as { __openTrace: { textVisible: number; plainEditable: number | null; monacoText: number } }).__openTrace;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const marks: Record<string, number> = {};
    for (const mark of performance.getEntriesByType('mark')) {
      if (mark.name.startsWith('sparkpad:')) marks[mark.name.slice('sparkpad:'.length)] = mark.startTime;
    }
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.initiatorType === 'script' || /\.m?js(\?|$)/.test(r.name))
      .map((r) => ({ url: r.name, startTime: r.startTime, responseEnd: r.responseEnd, transferSize: r.transferSize }));
    return {
      htmlReceived: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      textVisible: trace.textVisible,
      plainEditable: trace.plainEditable ?? NaN,
      monacoText: trace.monacoText,
      marks,
      scripts,
    };
  });
}
