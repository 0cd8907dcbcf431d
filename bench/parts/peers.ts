/**
 * Peer propagation in real Chromium: a character typed in browser A until browser B's
 * Monaco has it in its rendered lines. Both pages run in one browser process, so
 * `performance.timeOrigin + performance.now()` is one clock across them: A stamps the keydown, B stamps
 * the DOM mutation of `.view-lines` that shows the character. Monaco writes its lines inside an
 * animation-frame callback, so that mutation is in the frame that paints it.
 */
import type { Page } from 'playwright-core';
import { createSession, ensureBuild, launchChromium, newPage, openEditor, startPageServer } from '../lib/browser';
import type { Part } from '../lib/part';
import { atMost, measured, notAvailable, summarize, type Figure } from '../lib/stats';

const GOAL_P95_MS = 50;
/** A fresh line every so often keeps lines short enough never to wrap or scroll sideways. */
const CHARS_PER_LINE = 30;
const NAME = 'propagation A -> B';

/** Records every keydown's time in page A, in the capture phase, before Monaco sees it. */
function installKeyClock(): void {
  const w = window as unknown as { __benchKeyAt: number };
  window.addEventListener('keydown', () => (w.__benchKeyAt = performance.timeOrigin + performance.now()), { capture: true });
}

/** In page B: when `.view-lines` first contains the expected text, remember the time. */
function installRenderClock(): void {
  const w = window as unknown as { __benchTarget: string | null; __benchSeenAt: number | null };
  const lines = document.querySelector('.monaco-editor .view-lines')!;
  w.__benchTarget = null;
  w.__benchSeenAt = null;
  new MutationObserver(() => {
    if (w.__benchTarget === null || w.__benchSeenAt !== null) return;
    // Monaco renders spaces as U+00A0; the typed text has none, but the markers are compared whole.
    if ((lines.textContent ?? '').replace(/\u00a0/g, ' ').includes(w.__benchTarget)) {
      w.__benchSeenAt = performance.timeOrigin + performance.now();
    }
  }).observe(lines, { childList: true, subtree: true, characterData: true });
}

async function expect(pageB: Page, target: string): Promise<void> {
  await pageB.evaluate((t) => {
    const w = window as unknown as { __benchTarget: string | null; __benchSeenAt: number | null };
    w.__benchTarget = t;
    w.__benchSeenAt = null;
  }, target);
}

async function seenAt(pageB: Page): Promise<number> {
  const handle = await pageB.waitForFunction(() => (window as unknown as { __benchSeenAt: number | null }).__benchSeenAt, null, {
    timeout: 5_000,
    polling: 5,
  });
  return (await handle.jsonValue()) as number;
}

async function measure(pageA: Page, pageB: Page, edits: number): Promise<number[]> {
  await pageA.evaluate(installKeyClock);
  await pageB.evaluate(installRenderClock);
  await pageA.click('.monaco-editor .view-lines');
  await pageA.keyboard.press('Control+End');
  const latencies: number[] = [];
  let line = '';
  for (let i = 0; i < edits; i++) {
    if (i % CHARS_PER_LINE === 0) {
      // An unmeasured, unique marker starts each line, so "B shows the line so far" is unambiguous.
      line = `//L${i / CHARS_PER_LINE}x`;
      await expect(pageB, line);
      await pageA.keyboard.press('Enter');
      await pageA.keyboard.type(line);
      await seenAt(pageB);
    }
    const char = String.fromCharCode(97 + (i % 26));
    line += char;
    await expect(pageB, line);
    await pageA.keyboard.press(char);
    const seen = await seenAt(pageB);
    const keyAt = await pageA.evaluate(() => (window as unknown as { __benchKeyAt: number }).__benchKeyAt);
    latencies.push(seen - keyAt);
    // A typist's pace (roughly 10-20 keys per second), not a flood: this figure is per-edit latency.
    await new Promise((resolve) => setTimeout(resolve, 30 + Math.random() * 40));
  }
  return latencies;
}

export const peersPart: Part = {
  name: 'peers',
  summary: 'a character typed in Chromium page A until rendered in page B (same browser), goal p95 <= 50 ms',
  async run(context) {
    const built = await ensureBuild(context);
    if (!built.ok) return [notAvailable('peers', NAME, built.reason)];
    const server = await startPageServer();
    const browser = await launchChromium();
    try {
      const session = await createSession(server);
      // Two contexts: two people with separate storage, in one browser process (one clock).
      const pages = await Promise.all([newPage(browser), newPage(browser)]);
      const [pageA, pageB] = pages as [Page, Page];
      for (const page of pages) {
        const open = await openEditor(page, session.editUrl);
        if (!open.ok) return [notAvailable('peers', NAME, open.reason)];
      }
      const latencies = await measure(pageA, pageB, context.options.edits);
      const summary = summarize(latencies);
      return [measured('peers', NAME, 'ms', summary, { goal: atMost(summary, 'p95', GOAL_P95_MS, 'ms') })] satisfies Figure[];
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
