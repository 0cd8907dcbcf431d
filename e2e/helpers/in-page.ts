/**
 * Functions that run inside the page (passed to `page.evaluate`), shared by the E2E tests and the demo
 * recorder. Each must be self-contained: Playwright sends its source text, not its closure.
 */

/** Delivers text the way a browser delivers a paste, to the element with focus; Monaco inserts it verbatim. */
export function pasteIntoFocused(text: string): boolean {
  const target = document.activeElement;
  if (!target) return false;
  const data = new DataTransfer();
  data.setData('text/plain', text);
  return target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

/**
 * The ghost text as a person reads it: the innermost pieces matching `selector` in screen order, one line
 * per row (the rest of the cursor's line, then the lines drawn below it), spaces as spaces. '' when none.
 */
export function readGhostText(selector: string): string {
  const pieces = [...document.querySelectorAll(selector)].filter((el) => el.querySelector(selector) === null);
  const rows = new Map<number, Array<{ left: number; text: string }>>();
  for (const piece of pieces) {
    const box = piece.getBoundingClientRect();
    const top = Math.round(box.top);
    if (!rows.has(top)) rows.set(top, []);
    rows.get(top)!.push({ left: box.left, text: (piece.textContent ?? '').replace(/\u00a0/g, ' ') });
  }
  return [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, parts]) => parts.sort((a, b) => a.left - b.left).map((p) => p.text).join(''))
    .join('\n');
}
