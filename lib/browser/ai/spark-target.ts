import type * as monaco from 'monaco-editor';
import type { SparkTarget } from './ask-spark-store';

/**
 * What an instruction is about: the selection, or with none the cursor's line (the server widens an empty
 * range to the line). Model offsets are Y.Text offsets: y-monaco keeps the two texts identical.
 */
export function sparkTarget(editor: monaco.editor.ICodeEditor, file: string): SparkTarget | null {
  const model = editor.getModel();
  const selection = editor.getSelection();
  if (!model || !selection) return null;
  const from = model.getOffsetAt(selection.getStartPosition());
  const to = model.getOffsetAt(selection.getEndPosition());
  const first = selection.startLineNumber;
  // A selection that ends at the start of a line does not include that line.
  const last = selection.endColumn === 1 && selection.endLineNumber > first ? selection.endLineNumber - 1 : selection.endLineNumber;
  const lines = first === last ? `line ${first}` : `lines ${first}–${last}`;
  return { file, language: model.getLanguageId(), from, to, label: `${file} · ${from === to ? `${lines} (cursor)` : lines}`, lines: last - first + 1 };
}
