/**
 * The typed-through rule, applied alike by the browser (to keep showing a suggestion) and the server (to
 * keep serving it from the same model stream): typing exactly what a suggestion predicted continues it.
 */

/** How much of the text before the cursor identifies where a suggestion was asked: enough to be unambiguous, cheap to compare. */
export const ANCHOR_CHARS = 200;

/** The anchor a suggestion remembers: the end of the text before the cursor when it was asked. */
export function anchorOf(prefix: string): string {
  return prefix.slice(-ANCHOR_CHARS);
}

/**
 * How many characters of `suggestion` the person has typed since it was asked at `anchor`: `prefix` (the
 * text before the cursor now) must end with the anchor followed by a prefix of the suggestion. Null when
 * it does not, i.e. the cursor moved or the person typed something else.
 */
export function charsTypedThrough(anchor: string, suggestion: string, prefix: string): number | null {
  for (let typed = Math.min(suggestion.length, prefix.length - anchor.length); typed >= 0; typed--) {
    if (prefix.endsWith(suggestion.slice(0, typed)) && prefix.slice(0, prefix.length - typed).endsWith(anchor)) return typed;
  }
  return null;
}
