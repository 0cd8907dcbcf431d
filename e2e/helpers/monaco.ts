import type { Page } from 'playwright-core';
import { whenTheTestFails } from '../../test/helpers/when-the-test-fails';

/**
 * Driving Monaco like a person: focus by clicking, move with keys, type. Tests read the model's value
 * through `window.sparkpad` (lib/browser/collab/debug-handle.ts): the DOM shows only visible lines and renders
 * spaces as U+00A0.
 */

export async function focusEditor(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.locator('.monaco-editor textarea').first().waitFor({ state: 'attached' });
}

/** Types at the end of the document. Keep text free of brackets and quotes: Monaco auto-closes them. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/**
 * Turns Monaco's typing aids (auto-closing, auto-indent, Enter accepting a completion) off or on for the
 * page, and waits until the mounted editor has them so: then typed code lands in the file as typed.
 */
export async function setTypingAids(page: Page, on: boolean): Promise<void> {
  await page.evaluate((value) => window.sparkpad?.typingAids(value), on);
  await page.waitForFunction((value) => window.sparkpad?.typingAidsOn() === value, on);
}

export function editorValue(page: Page): Promise<string | null> {
  return page.evaluate(() => window.sparkpad?.editorValue() ?? null);
}

export interface TextExpectation {
  includes?: string[];
  excludes?: string[];
  equals?: string;
}

/**
 * Waits until the editor's model meets the expectation and returns its value; by default for as long as the
 * test runs (0: no Playwright timeout), and a failing test then shows the expectation and the text. Plain
 * data, not a predicate: the app's CSP forbids eval, so no function source can be rebuilt in the page.
 */
export async function waitForEditorValue(page: Page, expected: TextExpectation, timeout = 0): Promise<string> {
  let waiting = true;
  whenTheTestFails(async () => {
    if (waiting) console.error(`still waiting for the editor to hold ${JSON.stringify(expected)}; it holds ${JSON.stringify(await editorValue(page).catch(() => null))}`);
  });
  const handle = await page.waitForFunction(
    ({ includes = [], excludes = [], equals }) => {
      const value = window.sparkpad?.editorValue();
      if (value == null) return null;
      if (equals !== undefined && value !== equals) return null;
      if (!includes.every((part) => value.includes(part))) return null;
      return excludes.some((part) => value.includes(part)) ? null : value;
    },
    expected,
    { timeout },
  );
  waiting = false;
  return (await handle.jsonValue()) as string;
}
