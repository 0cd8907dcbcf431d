'use client';

import { useCallback, useEffect, useState } from 'react';
import { useCollabSession } from '@/lib/browser/collab/use-collab-session';
import { useDebugHandle } from '@/lib/browser/collab/debug-handle';
import { useSpark } from '@/lib/browser/ai/use-spark';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { useIdentityStore } from '@/lib/browser/presence/identity-store';
import { usePresenceSync } from '@/lib/browser/presence/use-presence-sync';
import { useFileSync } from '@/lib/browser/workspace/use-file-sync';
import { AiPanel } from './ai-panel';
import { EditorPane } from './editor-pane';
import { FileTree } from './file-tree';
import { PresenceList } from './presence-list';
import { SessionHeader } from './session-header';
import { SessionNotice } from './session-notice';
import { ShareDialog } from './share-dialog';
import { StatusBar } from './status-bar';

/** The whole session page: header, files and people on the left, the editor, Spark's slot, status bar. */
export function SessionView({ room }: { room: string }) {
  useEffect(() => void useIdentityStore.getState().load(), []);
  useCollabSession(room);
  const client = useSessionStore((s) => s.client);
  useFileSync(client);
  usePresenceSync(client);
  useDebugHandle();
  useSpark(room);
  const [sharing, setSharing] = useState(false);
  const closeShare = useCallback(() => setSharing(false), []);

  return (
    <div className="session">
      <SessionHeader onShare={() => setSharing(true)} />
      <div className="session-body">
        <aside className="session-sidebar">
          <FileTree />
          <PresenceList />
        </aside>
        <main className="session-main">
          <EditorPane />
        </main>
        <aside className="session-ai" data-testid="ai-panel-slot">
          <AiPanel />
        </aside>
      </div>
      <StatusBar />
      {sharing && <ShareDialog onClose={closeShare} />}
      <SessionNotice />
    </div>
  );
}
