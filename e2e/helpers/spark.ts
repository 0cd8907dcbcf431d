import type { Page } from 'playwright-core';
import type { SuggestionLatency } from '../../lib/browser/ai/latency-store';
import { focusEditor } from './monaco';
import { readGhostText } from './in-page';

/**
 * Driving Spark like a person: wait for it, read the ghost text Monaco draws, select lines and ask.
 * Ghost text is read from the DOM (that is what "shown" means); Monaco renders spaces as U+00A0.
 */

export async function waitForSpark(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('[data-testid="spark-connection"][data-state="ready"]').waitFor({ timeout });
}

/** The ghost text on screen in the editor, '' when none. Only leaf elements count: no text twice. */
export function ghostText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('.monaco-editor [class*="ghost-text"]')];
    const leaves = all.filter((el) => !el.querySelector('[class*="ghost-text"]'));
    return leaves.map((el) => el.textContent ?? '').join('').replace(/\u00a0/g, ' ');
  });
}

/** The ghost text as a person reads it: pieces in screen order, one line per row, spaces as spaces. */
export function ghostTextLines(page: Page): Promise<string> {
  return page.evaluate(readGhostText, '.monaco-editor [class*="ghost-text"]');
}

/** What screen readers were last told was accepted from Spark, '' before anything was. */
export async function announcedAccept(page: Page): Promise<string> {
  const text = (await page.getByTestId('ghost-text-announcer').textContent()) ?? '';
  return text.replace(/^Accepted Spark's suggestion: /, '');
}

/** Waits until ghost text is on screen (and longer than `longerThan` characters); returns it. */
export async function waitForGhostText(page: Page, longerThan = 0, timeout = 15_000): Promise<string> {
  const handle = await page.waitForFunction(
    (min) => {
      const all = [...document.querySelectorAll('.monaco-editor [class*="ghost-text"]')];
      const text = all
        .filter((el) => !el.querySelector('[class*="ghost-text"]'))
        .map((el) => el.textContent ?? '')
        .join('')
        .replace(/\u00a0/g, ' ');
      return text.trim().length > min ? text : null;
    },
    longerThan,
    { timeout, polling: 'raf' },
  );
  return (await handle.jsonValue()) as string;
}

/**
 * The ghost text on screen once Spark has finished streaming it (as ghostTextLines reads it); '' when
 * none appeared within `ms`, as when a person pauses and nothing is suggested.
 */
export async function settledGhostText(page: Page, ms: number): Promise<string> {
  const appeared = await page
    .waitForFunction(() => document.querySelector('.monaco-editor [class*="ghost-text"]')?.textContent?.trim(), undefined, { timeout: ms, polling: 'raf' })
    .then(() => true)
    .catch(() => false);
  if (!appeared) return '';
  await page.waitForFunction(() => window.sparkpad?.suggestions().at(-1)?.tier != null, undefined, { timeout: ms }).catch(() => null);
  // The last chunk is drawn in the animation frame after it arrived: read the screen after that frame.
  await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
  return ghostTextLines(page);
}

/**
 * The type of every Spark message this page receives from now on (socket.io text frames on its
 * websockets), in arrival order: proof of what reached a browser, not just what it drew.
 */
export function recordSparkMessageTypes(page: Page): string[] {
  const types: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const type = typeof payload === 'string' ? /"type":"([^"]+)"/.exec(payload)?.[1] : undefined;
      if (type) types.push(type);
    }),
  );
  return types;
}

export function suggestions(page: Page): Promise<SuggestionLatency[]> {
  return page.evaluate(() => window.sparkpad?.suggestions() ?? []);
}

/** Selects whole lines `from`..`to` (1-based) with the keyboard, as a person would. */
export async function selectLines(page: Page, from: number, to: number): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < from; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.down('Shift');
  for (let i = from; i <= to; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.up('Shift');
}

/** Ctrl+K in the editor, then the instruction in Spark's input, then Enter. */
export async function askSpark(page: Page, instruction: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('spark-instruction');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'spark-instruction');
  await input.fill(instruction);
  await input.press('Enter');
}

/** Types a redirecting instruction into Spark's input while it works. */
export async function redirectSpark(page: Page, instruction: string): Promise<void> {
  const input = page.getByTestId('spark-instruction');
  await input.fill(instruction);
  await input.press('Enter');
}

/** The edit status line's state: working, done, stop, human-edit, disconnected, failed. */
export function editState(page: Page): Promise<string | null> {
  return page.getByTestId('spark-edit-status').getAttribute('data-state');
}

export function waitForEditState(page: Page, state: string, timeout = 20_000): Promise<unknown> {
  return page.locator(`[data-testid="spark-edit-status"][data-state="${state}"]`).waitFor({ timeout });
}

/** Spark's caret (with its "Spark" label) as this page draws it. */
export function sparkCursor(page: Page) {
  return page.locator('[data-testid="remote-cursor"][data-peer-kind="spark"]');
}

/** Spark's entries in the people list: one per Spark the page knows of. */
export function sparkInPeopleList(page: Page) {
  return page.getByTestId('presence-item').filter({ has: page.locator('.presence-tag.spark') });
}
