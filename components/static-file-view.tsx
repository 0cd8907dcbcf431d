'use client';

import { useEffect } from 'react';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { markOpen } from '@/lib/browser/ui/open-timeline';
import { useFileText } from '@/lib/browser/workspace/use-file-text';
import './static-file-view.css';

/** Lines beyond a tall screen's worth are not drawn: Monaco replaces this view within a second. */
const MAX_LINES = 300;

/**
 * The open file's text, read-only and plain, drawn as soon as the document has synced and before Monaco
 * has loaded; the editor pane removes it once Monaco shows the file. Same font, size and line height as
 * the editor, so the swap does not move the text.
 */
export function StaticFileView({ path, onShown }: { path: string; onShown(): void }) {
  const client = useSessionStore((s) => s.client);
  const text = useFileText(client, path);
  useEffect(() => {
    if (text === null) return;
    markOpen('static-text');
    onShown();
  }, [text, onShown]);
  if (text === null) return <div className="static-file-view is-empty" aria-hidden="true" />;
  const lines = text.split('\n').slice(0, MAX_LINES);
  return (
    <div className="static-file-view" data-testid="static-file-view" aria-label={`${path}, loading the editor`} role="region">
      <pre className="static-file-lines">
        {lines.map((line, i) => (
          <div key={i} className="static-file-line">
            <span className="static-file-number" aria-hidden="true">{i + 1}</span>
            <code>{line || ' '}</code>
          </div>
        ))}
      </pre>
    </div>
  );
}
