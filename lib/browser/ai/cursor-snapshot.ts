import type * as monaco from 'monaco-editor';
import type { CursorSnapshot } from './suggestion-controller';

/**
 * What a completion request carries from the editor: a capped window around the cursor, so neither the
 * message nor the work on either side grows with the file. The server trims the prompt to its token
 * budget (2 048 tokens by default, about 6 000 characters); these windows hold four times that, room for
 * a larger configured budget, while a 5 000-line file costs a keystroke what a 500-line one does.
 */
export const PREFIX_WINDOW_CHARS = 24_000;
export const SUFFIX_WINDOW_CHARS = 8_000;

/**
 * The snapshot at `position`, or null when there is a selection (a suggestion would replace it) or more
 * than one cursor (one suggestion cannot fit them all).
 */
export function cursorSnapshot(
  editor: monaco.editor.ICodeEditor,
  model: monaco.editor.ITextModel,
  file: string,
  position: monaco.IPosition = editor.getPosition() ?? { lineNumber: 1, column: 1 },
): CursorSnapshot | null {
  const selections = editor.getSelections() ?? [];
  if (selections.length > 1 || (selections[0] && !selections[0].isEmpty())) return null;
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
