import type * as Y from 'yjs';
import { MonacoBinding } from 'y-monaco';
import type * as monaco from 'monaco-editor';
import { languageForPath } from '../../shared/document/doc-model';
import { trackOwnEdits, undoHistoryFor } from './undo-histories';

/**
 * One open file: a Monaco model bound to the file's Y.Text, plus this person's own undo history.
 *
 * y-monaco applies remote edits to the model outside Monaco's undo stack, so Monaco's undo would replay
 * a stale history. Instead a Y.UndoManager tracks only transactions whose origin is this binding, i.e.
 * what this person typed: undo never removes someone else's work. The history belongs to the file, not
 * the binding (undo-histories.ts): switching to another file and back keeps it.
 */
export class FileBinding {
  readonly model: monaco.editor.ITextModel;
  readonly undoManager: Y.UndoManager;
  private readonly binding: MonacoBinding;
  private readonly untrack: () => void;

  constructor(
    readonly path: string,
    readonly text: Y.Text,
    editor: monaco.editor.IStandaloneCodeEditor,
    instance: typeof monaco,
  ) {
    // The file's path is the model URI so the TypeScript service resolves imports between files.
    const uri = instance.Uri.from({ scheme: 'file', path: `/${path}` });
    instance.editor.getModel(uri)?.dispose();
    this.model = instance.editor.createModel(text.toString(), languageForPath(path), uri);
    editor.setModel(this.model);
    // No awareness here: y-monaco would draw every peer's selection regardless of the file they are in,
    // and without labels. lib/browser/editor/remote-cursors.ts draws them instead.
    this.binding = new MonacoBinding(text, this.model, new Set([editor]), null);
    this.undoManager = undoHistoryFor(text);
    this.untrack = trackOwnEdits(this.undoManager, this.binding);
  }

  /** True for a change this person made in this editor (typing, pasting, accepting a suggestion). */
  isOwnEdit(transaction: Y.Transaction): boolean {
    return transaction.origin === this.binding;
  }

  undo(): void {
    this.undoManager.undo();
  }

  redo(): void {
    this.undoManager.redo();
  }

  destroy(): void {
    this.untrack();
    this.binding.destroy();
    this.model.dispose();
  }
}
