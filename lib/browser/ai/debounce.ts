/**
 * How long the browser's suggestion controller waits after a keystroke before asking for a completion.
 * Short at natural pauses — the end of a line, right after `.` or `(` — where a suggestion is most likely
 * wanted and least likely to be typed over; long in the middle of a word, where the next keystroke usually
 * comes before any answer could and a request would only be cancelled.
 */

export const DEBOUNCE_MS = {
  /** After `.`, `(`, or at the end of a line after punctuation: ask at once. */
  natural: 0,
  /** After a space or operator mid-line. */
  between: 12,
  /**
   * Mid-word. Measured in Chromium (`npm run bench -- keystroke`, typing a held-out file): at 150 ms the
   * wait was most of what people saw (embedded p50 161 ms), at 50 ms p50 64 ms. Typists at 100-250 ms a
   * key get a request for nearly every key at any of these values, so a short wait costs few requests;
   * 24 ms still skips the keys inside a fast burst, and a superseded request is cancelled end to end.
   */
  midWord: 24,
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
