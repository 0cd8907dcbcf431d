'use client';

import { languageForPath } from '@/lib/shared/document/doc-model';
import { useEditorStore } from '@/lib/browser/editor/editor-store';
import { usePresenceStore } from '@/lib/browser/presence/presence-store';
import { useWorkspaceStore } from '@/lib/browser/workspace/workspace-store';
import { SparkStatus } from './spark-status';

/**
 * The bar under the editor. Fields are independent <span>s in two groups: features add theirs here
 * (Spark's state and model tier go in the right-hand group, see `status-bar-slot` below).
 */
export function StatusBar() {
  const openFile = useWorkspaceStore((s) => s.openFile);
  const cursor = useEditorStore((s) => s.cursor);
  const peerCount = usePresenceStore((s) => s.peers.length);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <div className="status-group">
        {openFile && <span className="status-field" data-testid="status-language">{languageForPath(openFile)}</span>}
        {cursor && <span className="status-field">Ln {cursor.lineNumber}, Col {cursor.column}</span>}
      </div>
      <div className="status-group" data-testid="status-bar-slot">
        <SparkStatus />
        <span className="status-field">{peerCount === 1 ? 'Only you' : `${peerCount} here`}</span>
      </div>
    </footer>
  );
}
