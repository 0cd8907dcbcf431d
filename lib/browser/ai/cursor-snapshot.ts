import type * as monaco from 'monaco-editor';
import * as Y from 'yjs';
import type { PromptWindow } from '../../shared/protocol/ai';
import type { FileBinding } from '../editor/file-binding';
import type { CursorSnapshot } from './suggestion-controller';

/**
 * What a completion request carries from the editor: a capped window around the cursor, so neither the
 * message nor the work on either side grows with the file. The server says in its hello how much its
 * prompt budget can use (promptWindow); a server that does not say gets these, four times its default
 * budget (2 048 tokens, about 6 000 characters). A 5 000-line file costs a keystroke what a 500-line one does.
 */
export const DEFAULT_PROMPT_WINDOW: PromptWindow = { prefixChars: 24_000, suffixChars: 8_000 };

/**
 * The snapshot at `position`, or null when there is a selection (a suggestion would replace it) or more
 * than one cursor (one suggestion cannot fit them all).
 */
export function cursorSnapshot(
  editor: monaco.editor.ICodeEditor,
  { model, path, text }: FileBinding,
  window: PromptWindow = DEFAULT_PROMPT_WINDOW,
  position: monaco.IPosition = editor.getPosition() ?? { lineNumber: 1, column: 1 },
): CursorSnapshot | null {
  const selections = editor.getSelections() ?? [];
  if (selections.length > 1 || (selections[0] && !selections[0].isEmpty())) return null;
  const offset = model.getOffsetAt(position);
  const start = model.getPositionAt(Math.max(0, offset - window.prefixChars));
  const end = model.getPositionAt(offset + window.suffixChars);
  return {
    file: path,
    language: model.getLanguageId(),
    prefix: model.getValueInRange({ startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: position.lineNumber, endColumn: position.column }),
    suffix: model.getValueInRange({ startLineNumber: position.lineNumber, startColumn: position.column, endLineNumber: end.lineNumber, endColumn: end.column }),
    offset,
    caret: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, offset)),
  };
}
