'use client';

import { useEffect } from 'react';
import { useAskSparkStore, type AskPhase } from '../ai/ask-spark-store';
import { setInstantSuggestions } from '../ai/instant-provider';
import { useLatencyStore, type SuggestionLatency } from '../ai/latency-store';
import { useSparkStore } from '../ai/spark-store';
import { getFile, listFiles } from '../../shared/document/doc-model';
import { useEditorStore } from '../editor/editor-store';
import { typingAidsIn, useTypingAidsStore } from '../editor/typing-aids';
import { offlineShellState, type OfflineShellState } from '../offline/offline-shell';
import { useWorkspaceStore } from '../workspace/workspace-store';
import { useSessionStore } from './session-store';

/**
 * `window.sparkpad`: read-only answers for end-to-end tests and for debugging from the console. Monaco
 * renders spaces as U+00A0 and only the visible lines, so tests compare the model's value instead.
 */
export interface SparkpadDebugHandle {
  editorValue(): string | null;
  fileText(path: string): string | null;
  files(): string[];
  /**
   * Starts counting the changes that reach file `path` in this browser's copy of the document (each
   * remote update or local edit is one); the returned function reads the count. Null when no such file.
   */
  countChanges(path: string): (() => number) | null;
  openFile(): string | null;
  clientId(): number | null;
  /** Messages of the diagnostics on the open file: proof the language workers run. */
  markers(): string[];
  /** Spark's recent inline suggestions, oldest first, with keystroke-to-first-character (for bench/). */
  suggestions(): SuggestionLatency[];
  /** Spark's connection state and the Ask Spark edit the panel shows. */
  spark(): { connection: string; edit: AskPhase };
  /**
   * Turns Monaco's typing aids (auto-closing, auto-indent, the word-completion list that Enter accepts)
   * off or back on, so a script that types code can compare the file with exactly what it typed. It is a
   * page setting that every editor mounted now or later applies; wait for `typingAidsOn()` to agree.
   */
  typingAids(on: boolean): void;
  /** The typing aids as the mounted editor has them now: true, false, null (no editor, or only some on). */
  typingAidsOn(): boolean | null;
  /** Whether the app shell is kept so the link opens with no network. */
  offlineShell(): OfflineShellState;
  /** Ghost text answers every keystroke with `text` at once, without Spark (null: Spark again): the floor. */
  instantSuggestions(text: string | null): void;
}

declare global {
  interface Window {
    sparkpad?: SparkpadDebugHandle;
  }
}

export function useDebugHandle(): void {
  useEffect(() => {
    const doc = () => useSessionStore.getState().client?.doc ?? null;
    window.sparkpad = {
      editorValue: () => useEditorStore.getState().editor?.getModel()?.getValue() ?? null,
      fileText: (path) => {
        const current = doc();
        return current ? (getFile(current, path)?.toString() ?? null) : null;
      },
      files: () => {
        const current = doc();
        return current ? listFiles(current) : [];
      },
      countChanges: (path) => {
        const current = doc();
        const text = current ? getFile(current, path) : null;
        if (!text) return null;
        let changes = 0;
        text.observe(() => changes++);
        return () => changes;
      },
      openFile: () => useWorkspaceStore.getState().openFile,
      clientId: () => doc()?.clientID ?? null,
      markers: () => {
        const { editor, monaco } = useEditorStore.getState();
        const model = editor?.getModel();
        return model && monaco ? monaco.editor.getModelMarkers({ resource: model.uri }).map((m) => m.message) : [];
      },
      suggestions: () => useLatencyStore.getState().entries.map((entry) => ({ ...entry })),
      spark: () => ({ connection: useSparkStore.getState().connection.kind, edit: useAskSparkStore.getState().phase }),
      instantSuggestions: setInstantSuggestions,
      offlineShell: offlineShellState,
      typingAids: (on) => useTypingAidsStore.setState({ on }),
      typingAidsOn: () => {
        const { editor, monaco } = useEditorStore.getState();
        return editor && monaco ? typingAidsIn(editor, monaco) : null;
      },
    };
    return () => {
      delete window.sparkpad;
    };
  }, []);
}
