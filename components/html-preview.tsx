'use client';

import { useSessionStore } from '@/lib/browser/collab/session-store';
import { useFileText } from '@/lib/browser/workspace/use-file-text';

/**
 * Live preview of an HTML file. `sandbox="allow-scripts"` without `allow-same-origin` gives the page an
 * opaque origin: its scripts run but cannot reach this page, its storage or the session's tokens.
 */
export function HtmlPreview({ path }: { path: string }) {
  const client = useSessionStore((s) => s.client);
  const html = useFileText(client, path);
  return (
    <section className="html-preview" aria-label={`Preview of ${path}`}>
      {/* Rendered once the text is known: an empty first document raced the real one in Chromium. */}
      {html !== null && (
        <iframe title={`Preview of ${path}`} sandbox="allow-scripts" srcDoc={html} data-testid="html-preview" />
      )}
    </section>
  );
}
