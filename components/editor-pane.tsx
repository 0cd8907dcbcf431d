'use client';

import dynamic from 'next/dynamic';
import { useWorkspaceStore } from '@/lib/browser/workspace/workspace-store';
import { HtmlPreview } from './html-preview';
import { RunButton } from './run-button';
import { RunOutput } from './run-output';

// Monaco needs `window`; it is never rendered on the server.
const CodeEditor = dynamic(() => import('./code-editor'), {
  ssr: false,
  loading: () => <div className="editor-loading">Loading editor…</div>,
});

/** The open file's tab and Run button, the editor (beside a live preview for HTML), and the run output. */
export function EditorPane() {
  const openFile = useWorkspaceStore((s) => s.openFile);
  const isHtml = openFile !== null && /\.html?$/i.test(openFile);
  return (
    <section className="editor-pane">
      <div className="editor-tabbar">
        <span className="editor-tab" data-testid="open-file-name">{openFile ?? 'No file open'}</span>
        <span className="header-spacer" />
        <RunButton />
      </div>
      <div className="editor-split">
        <CodeEditor />
        {isHtml && openFile && <HtmlPreview path={openFile} />}
      </div>
      <RunOutput />
    </section>
  );
}
