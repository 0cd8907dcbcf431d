import type * as Y from 'yjs';

/** The span a Spark edit rewrites: the selection, clamped to the text; an empty one means the cursor's whole line. */
export function clampRange(text: Y.Text, from: number, to: number): { from: number; to: number } {
  const length = text.length;
  let a = Math.min(from, to, length);
  let b = Math.min(Math.max(from, to), length);
  if (a === b) {
    const content = text.toString();
    a = content.lastIndexOf('\n', a - 1) + 1;
    const lineEnd = content.indexOf('\n', b);
    b = lineEnd === -1 ? length : lineEnd;
  }
  return { from: a, to: b };
}
