import type * as monaco from 'monaco-editor';

type Editor = monaco.editor.IStandaloneCodeEditor;

/** True while a next-edit hint is on screen in this editor. */
const VISIBLE_KEY = 'sparkNextEditVisible';
/**
 * Tab and Esc mean "next edit" only while its hint shows and nothing else claims them: Spark's ghost text
 * (ghost-text-keys.ts) and the suggestion list keep Tab while they show, a snippet keeps it for its
 * placeholders. Otherwise the keys do what they always do.
 */
const WHEN = `${VISIBLE_KEY} && !sparkGhostTextVisible && !suggestWidgetVisible && !inSnippetMode`;

export interface NextEditKeys {
  visible(on: boolean): void;
  dispose(): void;
}

export function bindNextEditKeys(editor: Editor, instance: typeof monaco, handlers: { tab(): void; escape(): void }): NextEditKeys {
  const visible = editor.createContextKey<boolean>(VISIBLE_KEY, false);
  const { KeyCode } = instance;
  const actions = [
    editor.addAction({ id: 'spark.nextEdit.tab', label: 'Go to or apply Spark’s next edit', keybindings: [KeyCode.Tab], precondition: WHEN, keybindingContext: WHEN, run: () => handlers.tab() }),
    editor.addAction({ id: 'spark.nextEdit.skip', label: 'Skip Spark’s next edit', keybindings: [KeyCode.Escape], precondition: WHEN, keybindingContext: WHEN, run: () => handlers.escape() }),
  ];
  return {
    visible: (on) => visible.set(on),
    dispose() {
      visible.reset();
      for (const action of actions) action.dispose();
    },
  };
}
