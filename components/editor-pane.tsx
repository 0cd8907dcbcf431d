'use client';

import dynamic from 'next/dynamic';
import { useCallback, useState } from 'react';
import { useEditorStore } from '@/lib/browser/editor/editor-store';
import { lineHeightFor } from '@/lib/browser/settings/settings';
import { useSettingsStore } from '@/lib/browser/settings/settings-store';
import { useEditorLoadGate } from '@/lib/browser/editor/use-editor-load-gate';
import { markOpen } from '@/lib/browser/ui/open-timeline';
import { useOpening } from '@/lib/browser/workspace/opening';
import { useWorkspaceStore } from '@/lib/browser/workspace/workspace-store';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { HtmlPreview } from './html-preview';
import { PanelBoundary } from './panel-boundary';
import { RunButton } from './run-button';
import { RunOutput } from './run-output';
import { StaticFileView } from './static-file-view';

// Monaco needs `window`; it is never rendered on the server. Until it shows the file, the static view does.
const CodeEditor = dynamic(() => (markOpen('monaco-requested'), import('./code-editor')), { ssr: false, loading: () => null });

/** The open file's tab and Run button, the editor (beside a live preview for HTML), and the run output. */
export function EditorPane() {
  const room = useSessionStore((s) => s.room);
  const synced = useSessionStore((s) => s.synced);
  const opening = useOpening(room);
  // Until the document has synced, the file the page's opening named is the one about to open.
  const openFile = useWorkspaceStore((s) => s.openFile) ?? (synced ? null : (opening?.path ?? null));
  const bound = useEditorStore((s) => s.binding !== null);
  const [textShown, setTextShown] = useState(false);
  const onTextShown = useCallback(() => setTextShown(true), []);
  const loadEditor = useEditorLoadGate(textShown);
  const fontSize = useSettingsStore((s) => s.fontSize);
  const metrics = { '--editor-font-size': `${fontSize}px`, '--editor-line-height': `${lineHeightFor(fontSize)}px` } as React.CSSProperties;
  const isHtml = openFile !== null && /\.html?$/i.test(openFile);
  return (
    <section className="editor-pane">
      <div className="editor-tabbar">
        <span className="editor-tab" data-testid="open-file-name">{openFile ?? (synced ? 'No file open' : '')}</span>
        <span className="header-spacer" />
        <RunButton />
      </div>
      <div className="editor-split">
        <div className="editor-stack" style={metrics}>
          {loadEditor && <CodeEditor />}
          {!bound && openFile && <StaticFileView path={openFile} opening={opening} onShown={onTextShown} />}
          {!bound && !openFile && synced && <div className="editor-loading">Loading editor…</div>}
        </div>
        {isHtml && openFile && <HtmlPreview path={openFile} />}
      </div>
      <PanelBoundary label="Run output">
        <RunOutput />
      </PanelBoundary>
    </section>
  );
}
