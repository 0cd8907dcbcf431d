import type * as monaco from 'monaco-editor';

/**
 * Routes undo and redo keys to the person's own Y.UndoManager (see file-binding.ts) instead of Monaco's
 * model history. Registered once per editor; the handlers ask for the current file each time.
 */
export function bindUndoKeys(
  editor: monaco.editor.IStandaloneCodeEditor,
  instance: typeof monaco,
  current: () => { undo(): void; redo(): void } | null,
): void {
  const { KeyMod, KeyCode } = instance;
  editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyZ, () => current()?.undo());
  editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, () => current()?.redo());
  editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyY, () => current()?.redo());
}
