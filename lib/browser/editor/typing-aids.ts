'use client';

import { useEffect } from 'react';
import { create } from 'zustand';
import type * as monaco from 'monaco-editor';
import { electricBracketsOff } from './electric-brackets';

type Editor = monaco.editor.IStandaloneCodeEditor;

/**
 * Whether Monaco's typing aids (auto-closing, auto-indent, the word-completion list that Enter accepts)
 * are on in this page. Kept as page state rather than set once on the editor of the moment: the editor
 * reads it in its construction options, so an editor that mounts later, or again, has it from its first
 * keystroke. Off, a script that types code gets exactly what it typed.
 */
export const useTypingAidsStore = create<{ on: boolean }>(() => ({ on: true }));

/**
 * The editor options that carry the setting, part of the options the editor is created and updated with.
 * On is Monaco's own defaults, so the editor behaves as Monaco ships it.
 */
export function typingAidOptions(on: boolean): monaco.editor.IEditorOptions {
  if (on) {
    return {
      autoClosingBrackets: 'languageDefined',
      autoClosingQuotes: 'languageDefined',
      autoClosingOvertype: 'auto',
      autoSurround: 'languageDefined',
      autoIndent: 'full',
      quickSuggestions: { other: 'on', comments: 'off', strings: 'off' },
      suggestOnTriggerCharacters: true,
      acceptSuggestionOnEnter: 'on',
    };
  }
  return {
    autoClosingBrackets: 'never',
    autoClosingQuotes: 'never',
    autoClosingOvertype: 'never',
    autoSurround: 'never',
    autoIndent: 'none',
    quickSuggestions: false,
    suggestOnTriggerCharacters: false,
    acceptSuggestionOnEnter: 'off',
  };
}

/**
 * Keeps the aids that are not editor options in step with the setting: while they are off, a closing
 * bracket typed at a line start stays where it was typed (electric-brackets.ts).
 */
export function useTypingAids(editor: Editor, instance: typeof monaco): void {
  const on = useTypingAidsStore((s) => s.on);
  useEffect(() => {
    if (on) return;
    const electric = electricBracketsOff(editor, instance);
    return () => electric.dispose();
  }, [editor, instance, on]);
}

/**
 * The typing aids as `editor` has them now, read from its live options (what the next key meets): true
 * when on, false when off, null when only some are.
 */
export function typingAidsIn(editor: Editor, instance: typeof monaco): boolean | null {
  const { EditorOption, EditorAutoIndentStrategy } = instance.editor;
  const aids = [
    editor.getOption(EditorOption.autoClosingBrackets) !== 'never',
    editor.getOption(EditorOption.autoClosingQuotes) !== 'never',
    editor.getOption(EditorOption.autoIndent) !== EditorAutoIndentStrategy.None,
    editor.getOption(EditorOption.acceptSuggestionOnEnter) !== 'off',
  ];
  return aids.every(Boolean) ? true : aids.some(Boolean) ? null : false;
}
