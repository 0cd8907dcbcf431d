'use client';

import '@/lib/browser/editor/monaco-environment';
import { useState } from 'react';
import Editor from '@monaco-editor/react';
import type * as monaco from 'monaco-editor';
import { defineSparkpadTheme, SPARKPAD_THEME } from '@/lib/browser/editor/monaco-environment';
import { useCollabEditor } from '@/lib/browser/editor/use-collab-editor';
import { markOpen } from '@/lib/browser/ui/open-timeline';

type Mounted = { editor: monaco.editor.IStandaloneCodeEditor; monaco: typeof monaco };

const OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  automaticLayout: true,
  fontSize: 14,
  // Fixed, so the static view (static-file-view.css) draws lines at the same height.
  lineHeight: 20,
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
  return (
    <div className="code-editor" data-testid="code-editor">
      <Editor
        theme={SPARKPAD_THEME}
        options={OPTIONS}
        keepCurrentModel
        loading={null}
        beforeMount={defineSparkpadTheme}
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
  return null;
}
