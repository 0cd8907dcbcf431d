import type * as monaco from 'monaco-editor';
import { typingAidsIn } from '../editor/typing-aids';

type Editor = monaco.editor.IStandaloneCodeEditor;

/**
 * Characters Monaco's typing aids may turn into other text: auto-closed brackets and quotes (`(` gives
 * `()`), closers typed over (`)` before an auto-inserted `)`), `*` closing a `/*` comment, `<` and `>`
 * in markup, `}` moved to its block's indentation. With the aids on, the text such a key makes is not
 * known before Monaco handled it.
 */
const AIDED = /^[()[\]{}'"`*<>]$/;

/**
 * The text a keydown will insert at the cursor, when it is certain before Monaco has handled the key;
 * null otherwise. Only a plain key typed into the editor's text qualifies: no Ctrl, Alt or Meta (shortcuts,
 * and Alt's dead keys), no IME composition, one printable character, and none the typing aids rewrite
 * while they are on. Enter is never certain: auto-indent and the word-completion list decide what it does.
 */
export function insertedByKey(event: KeyboardEvent, editor: Editor, instance: typeof monaco): string | null {
  if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing || event.keyCode === 229) return null;
  const { key } = event;
  // One code point: "a", "é", an emoji; named keys ("Enter", "Dead", "ArrowLeft") are longer.
  if ([...key].length !== 1 || /\p{C}/u.test(key)) return null;
  if (!editor.hasTextFocus()) return null;
  if (AIDED.test(key) && typingAidsIn(editor, instance) !== false) return null;
  return key;
}
