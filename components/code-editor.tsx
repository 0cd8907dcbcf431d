'use client';

import '@/lib/browser/editor/monaco-environment';
import { useMemo, useState } from 'react';
import './proposal-view.css';
import Editor from '@monaco-editor/react';
import type * as monaco from 'monaco-editor';
import { defineEditorThemes, EDITOR_THEME } from '@/lib/browser/editor/editor-themes';
import { typingAidOptions, useTypingAids, useTypingAidsStore } from '@/lib/browser/editor/typing-aids';
import { useCollabEditor } from '@/lib/browser/editor/use-collab-editor';
import { lineHeightFor } from '@/lib/browser/settings/settings';
import { useSettingsStore } from '@/lib/browser/settings/settings-store';
import { useAppliedTheme } from '@/lib/browser/settings/use-applied-theme';
import { markOpen } from '@/lib/browser/ui/open-timeline';

type Mounted = { editor: monaco.editor.IStandaloneCodeEditor; monaco: typeof monaco };

const OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  automaticLayout: true,
  fontFamily: "'JetBrains Mono', 'Fira Code', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
  fontLigatures: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  smoothScrolling: true,
  renderLineHighlight: 'line',
  tabSize: 2,
  // Monaco's "paste as" pipeline applies a paste only after an asynchronous clipboard read, and drops it
  // when the text changes meanwhile: on a busy machine the next keystroke lands first and the pasted text
  // is lost. Off, a paste is inserted synchronously, in order with the keys around it.
  pasteAs: { enabled: false },
  // Room above line 1 for the name label of a peer whose caret is on it.
  padding: { top: 12 },
};

/** Monaco itself; loaded only in the browser (see editor-pane.tsx). Models are ours, set per file. */
export default function CodeEditor() {
  const [mounted, setMounted] = useState<Mounted | null>(null);
  const theme = useAppliedTheme();
  const fontSize = useSettingsStore((s) => s.fontSize);
  const typingAids = useTypingAidsStore((s) => s.on);
  // The line height is set, not Monaco's own, so the static view (static-file-view.css) matches it.
  const options = useMemo(
    () => ({ ...OPTIONS, ...typingAidOptions(typingAids), fontSize, lineHeight: lineHeightFor(fontSize) }),
    [fontSize, typingAids],
  );
  return (
    <div className="code-editor" data-testid="code-editor">
      <Editor
        theme={EDITOR_THEME[theme]}
        options={options}
        keepCurrentModel
        loading={null}
        beforeMount={defineEditorThemes}
        onMount={(editor, instance) => {
          markOpen('monaco-ready');
          setMounted({ editor, monaco: instance });
        }}
      />
      {mounted && <CollabBinding editor={mounted.editor} monaco={mounted.monaco} />}
    </div>
  );
}

function CollabBinding({ editor, monaco: instance }: Mounted) {
  useCollabEditor(editor, instance);
  useTypingAids(editor, instance);
  return null;
}
