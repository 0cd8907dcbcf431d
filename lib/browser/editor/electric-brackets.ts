import type * as monaco from 'monaco-editor';

type Editor = monaco.editor.IStandaloneCodeEditor;

/** The pairs bracket colouring keeps showing while Monaco's bracket pairs are taken away below. */
const COLOURED_PAIRS: monaco.languages.CharacterPair[] = [
  ['{', '}'],
  ['[', ']'],
  ['(', ')'],
];

/**
 * Stops Monaco from re-indenting a closing bracket typed at the start of a line ("electric"
 * characters): `}` typed there is moved to the indentation of the line that opened it, so in code
 * whose brackets do not balance it gains spaces nobody typed. No editor option turns this off
 * (`autoIndent: 'none'` does not); a language configuration without bracket pairs does. It applies to
 * the open file's language on the whole page, which has one editor, until disposed.
 */
export function electricBracketsOff(editor: Editor, instance: typeof monaco): { dispose(): void } {
  let override: monaco.IDisposable | null = null;
  let replacing = false;
  const replace = (language: string | null) => {
    replacing = true;
    try {
      override?.dispose();
      override = language ? instance.languages.setLanguageConfiguration(language, { brackets: [], colorizedBracketPairs: COLOURED_PAIRS }) : null;
    } finally {
      replacing = false;
    }
  };
  const apply = () => replace(editor.getModel()?.getLanguageId() ?? null);
  apply();
  const subscriptions = [
    editor.onDidChangeModel(apply),
    editor.onDidChangeModelLanguage(apply),
    // A language's own configuration loads lazily and, registered after ours, would win: go last again.
    editor.onDidChangeModelLanguageConfiguration(() => replacing || apply()),
  ];
  return {
    dispose() {
      for (const subscription of subscriptions) subscription.dispose();
      replace(null);
    },
  };
}
