/**
 * A change to one file as Yjs reports it (`Y.YTextEvent.delta`): retain, insert and delete runs from the
 * start of the text. The engine's thread receives these instead of whole files, so keeping its copy of a
 * room current costs the size of the edit, not of the workspace.
 */
export type TextDelta = Array<{ retain?: number; insert?: string; delete?: number }>;

export function applyDelta(text: string, delta: TextDelta): string {
  const parts: string[] = [];
  let at = 0;
  for (const op of delta) {
    if (op.retain) {
      parts.push(text.slice(at, at + op.retain));
      at += op.retain;
    } else if (op.insert !== undefined) {
      parts.push(op.insert);
    } else if (op.delete) {
      at += op.delete;
    }
  }
  parts.push(text.slice(at));
  return parts.join('');
}
