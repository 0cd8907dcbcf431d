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
  /** Mid-word: typists average 150-250 ms per key, so most of these would be superseded anyway. */
  midWord: 150,
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
