import { create } from 'zustand';
import type * as monaco from 'monaco-editor';
import type { FileBinding } from './file-binding';

/**
 * The mounted editor and the file bound in it, for features that extend the editor from outside
 * (Spark's ghost text, the status bar). Null while the editor loads or no file is open.
 */
export interface EditorState {
  editor: monaco.editor.IStandaloneCodeEditor | null;
  monaco: typeof monaco | null;
  binding: FileBinding | null;
  /** 1-based caret position, for the status bar. */
  cursor: { lineNumber: number; column: number } | null;
}

export const useEditorStore = create<EditorState>(() => ({ editor: null, monaco: null, binding: null, cursor: null }));
