import type * as monaco from 'monaco-editor';

type Editor = monaco.editor.IStandaloneCodeEditor;

/** True while Spark's ghost text is drawn: the keys below mean "take the suggestion" only then. */
const VISIBLE_KEY = 'sparkGhostTextVisible';

export interface GhostTextKeys {
  /** Whether ghost text is on screen now. */
  visible(on: boolean): void;
  dispose(): void;
}

/**
 * The keys of Spark's ghost text, as editor actions that exist only while it shows: Tab takes all of it,
 * Ctrl/Cmd+Right the next word. Editor actions are resolved after Monaco's built-in keybindings, so while
 * the context key is set they win over Tab's indent and the word-completion list; otherwise the keys do
 * what they always do. Esc is handled where the keydown is first seen (ghost-paint-clock.ts).
 */
export function bindGhostTextKeys(editor: Editor, instance: typeof monaco, handlers: { accept(): void; acceptWord(): void }): GhostTextKeys {
  const visible = editor.createContextKey<boolean>(VISIBLE_KEY, false);
  const { KeyCode, KeyMod } = instance;
  const actions = [
    editor.addAction({
      id: 'spark.ghostText.accept',
      label: 'Accept Spark’s suggestion',
      keybindings: [KeyCode.Tab],
      precondition: VISIBLE_KEY,
      keybindingContext: VISIBLE_KEY,
      run: () => handlers.accept(),
    }),
    editor.addAction({
      id: 'spark.ghostText.acceptWord',
      label: 'Accept the next word of Spark’s suggestion',
      keybindings: [KeyMod.CtrlCmd | KeyCode.RightArrow],
      precondition: VISIBLE_KEY,
      keybindingContext: VISIBLE_KEY,
      run: () => handlers.acceptWord(),
    }),
  ];
  return {
    visible: (on) => visible.set(on),
    dispose() {
      visible.reset();
      for (const action of actions) action.dispose();
    },
  };
}

const WORD = /[\p{L}\p{N}_$]/u;

/**
 * The part of a suggestion that one word-accept takes: leading blanks, then one word or one run of
 * punctuation, as Ctrl+Right moves over text. A suggestion that starts with a newline gives that newline
 * and the next line's indentation.
 */
export function nextWord(text: string): string {
  let end = 0;
  if (text[0] === '\n') {
    end = 1;
    while (text[end] === ' ' || text[end] === '\t') end++;
    return text.slice(0, end);
  }
  while (text[end] === ' ' || text[end] === '\t') end++;
  if (end < text.length && text[end] !== '\n') {
    const word = WORD.test(text[end]!);
    while (end < text.length && text[end] !== '\n' && !/\s/.test(text[end]!) && WORD.test(text[end]!) === word) end++;
  }
  return text.slice(0, Math.max(end, 1));
}
