'use client';

import dynamic from 'next/dynamic';
import { useWorkspaceStore } from '@/lib/workspace/workspace-store';

// Monaco needs `window`; it is never rendered on the server.
const CodeEditor = dynamic(() => import('./code-editor'), {
  ssr: false,
  loading: () => <div className="editor-loading">Loading editor…</div>,
});

export function EditorPane() {
  const openFile = useWorkspaceStore((s) => s.openFile);
  return (
    <section className="editor-pane">
      <div className="editor-tabbar">
        <span className="editor-tab" data-testid="open-file-name">{openFile ?? 'No file open'}</span>
      </div>
      <CodeEditor />
    </section>
  );
}
