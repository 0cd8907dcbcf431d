import type * as monaco from 'monaco-editor';
import type { CursorSnapshot } from './suggestion-controller';

/**
 * What a completion request carries from the editor. The server trims the prompt to its token budget
 * (2 048 tokens by default, about 6 000 characters); these windows only keep a huge file from putting
 * megabytes on the socket for every keystroke, while leaving a generous budget room to use.
 */
export const PREFIX_WINDOW_CHARS = 48_000;
export const SUFFIX_WINDOW_CHARS = 16_000;

/** The snapshot at `position`, or null when there is a selection (a suggestion would replace it). */
export function cursorSnapshot(
  editor: monaco.editor.ICodeEditor,
  model: monaco.editor.ITextModel,
  file: string,
  position: monaco.IPosition = editor.getPosition() ?? { lineNumber: 1, column: 1 },
): CursorSnapshot | null {
  const selection = editor.getSelection();
  if (selection && !selection.isEmpty()) return null;
  const offset = model.getOffsetAt(position);
  const start = model.getPositionAt(Math.max(0, offset - PREFIX_WINDOW_CHARS));
  const end = model.getPositionAt(offset + SUFFIX_WINDOW_CHARS);
  return {
    file,
    language: model.getLanguageId(),
    prefix: model.getValueInRange({ startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: position.lineNumber, endColumn: position.column }),
    suffix: model.getValueInRange({ startLineNumber: position.lineNumber, startColumn: position.column, endLineNumber: end.lineNumber, endColumn: end.column }),
    offset,
  };
}
