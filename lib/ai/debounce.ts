/**
 * How long the browser's suggestion controller waits after a keystroke before asking for a completion.
 * Short at natural pauses — the end of a line, right after `.` or `(` — where a suggestion is most likely
 * wanted and least likely to be typed over; long in the middle of a word, where the next keystroke usually
 * comes before any answer could and a request would only be cancelled.
 */

export const DEBOUNCE_MS = {
  /** After `.`, `(`, or at the end of a line after punctuation: ask at once (below one frame). */
  natural: 8,
  /** After a space or operator mid-line. */
  between: 40,
  /**
   * Mid-word. Measured in Chromium (typing a real file, e2e-style): at 150 ms the wait was most of what
   * people saw (keystroke to ghost text p50 161 / p95 173 ms with the embedded engine), while typists at
   * 150-250 ms per key got a request for nearly every key anyway; at 40 ms it was p50 57 / p95 70 ms. 50 ms
   * still skips requests inside fast bursts, and a superseded one is cancelled end to end.
   */
  midWord: 50,
} as const;

const WORD = /[\p{L}\p{N}_$]/u;
const OPENERS = new Set(['.', '(', '[', '{', ',', ':', '=', '>', '<']);

/** The delay before requesting a suggestion, from the text on the cursor's line. */
export function debounceDelayMs(lineBeforeCursor: string, lineAfterCursor: string): number {
  const before = lineBeforeCursor.slice(-1);
  const after = lineAfterCursor.slice(0, 1);
  const atEndOfLine = lineAfterCursor.trim() === '';
  if (before === '.' || before === '(') return DEBOUNCE_MS.natural;
  if (WORD.test(before)) return DEBOUNCE_MS.midWord;
  if (atEndOfLine && (before === '' || OPENERS.has(before) || before === ' ' || before === ';' || before === '}')) {
    return DEBOUNCE_MS.natural;
  }
  if (WORD.test(after)) return DEBOUNCE_MS.midWord;
  return DEBOUNCE_MS.between;
}
