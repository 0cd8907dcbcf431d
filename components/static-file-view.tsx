'use client';

import { useEffect } from 'react';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { markOpen } from '@/lib/browser/ui/open-timeline';
import { usePlainEditableText } from '@/lib/browser/editor/plain-editor';
import { useFileText } from '@/lib/browser/workspace/use-file-text';
import { openingLines, type Opening } from '@/lib/shared/protocol/opening';
import { PlainFileEditor } from './plain-file-editor';
import './static-file-view.css';

/**
 * The open file's text, read-only and plain, drawn before Monaco has loaded: from the document once it
 * has synced, and before that from the opening the page fetched as it loaded (`opening`, when it is of
 * this file); the editor pane removes it once Monaco shows the file. Same font, size and line height as
 * the editor, and the same lines as the session shell draws, so neither swap moves the text. Once the
 * document has synced and the link may edit, the file is typed into here already (plain-file-editor.tsx).
 */
export function StaticFileView({ path, opening, onShown }: { path: string; opening: Opening | null; onShown(): void }) {
  const client = useSessionStore((s) => s.client);
  const synced = useFileText(client, path);
  const lines = synced !== null ? openingLines(synced) : opening?.path === path ? opening.lines : null;
  const editable = usePlainEditableText(path);
  const shown = lines !== null;
  useEffect(() => {
    if (!shown) return;
    markOpen('static-text');
    onShown();
  }, [shown, onShown]);
  if (editable) return <PlainFileEditor path={path} text={editable} />;
  if (lines === null) return <div className="static-file-view is-empty" aria-hidden="true" />;
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
