// components/: the React components of the pages. They take props and call the hooks and stores of
// lib/browser; this one lays out a session: header, file tree, editor, Spark's panels, status bar.

'use client';

import { useCallback, useEffect, useState } from 'react';
import { useCollabSession } from '@/lib/browser/collab/use-collab-session';
import { useDebugHandle } from '@/lib/browser/collab/debug-handle';
import { useOfflineShell } from '@/lib/browser/offline/use-offline-shell';
import { useSpark } from '@/lib/browser/ai/use-spark';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { useIdentityStore } from '@/lib/browser/presence/identity-store';
import { usePresenceSync } from '@/lib/browser/presence/use-presence-sync';
import { useAppliedTheme } from '@/lib/browser/settings/use-applied-theme';
import { useShortcutsKey } from '@/lib/browser/ui/use-shortcuts-key';
import { useFileSync } from '@/lib/browser/workspace/use-file-sync';
import { AiPanel } from './ai-panel';
import { Drawer } from './drawer';
import { EditorPane } from './editor-pane';
import { FileTree } from './file-tree';
import { HistoryPanel } from './history-panel';
import { PanelBoundary } from './panel-boundary';
import { PresenceList } from './presence-list';
import { SessionHeader, type SessionDialog, type SessionDrawer } from './session-header';
import { SessionNotice } from './session-notice';
import { SettingsDialog } from './settings-dialog';
import { ShareDialog } from './share-dialog';
import { ShortcutsDialog } from './shortcuts-dialog';
import { StatusBar } from './status-bar';
import './session.css';

/**
 * The whole session page: header, files and people on the left, the editor, Spark's panel, status bar.
 * On small screens the two side panels are drawers opened from the header.
 */
export function SessionView({ room }: { room: string }) {
  useEffect(() => void useIdentityStore.getState().load(), []);
  useCollabSession(room);
  const client = useSessionStore((s) => s.client);
  useFileSync(client);
  usePresenceSync(client);
  useDebugHandle();
  useOfflineShell();
  useSpark(room);
  useAppliedTheme();
  const [dialog, setDialog] = useState<SessionDialog | null>(null);
  const [drawer, setDrawer] = useState<SessionDrawer | null>(null);
  const closeDialog = useCallback(() => setDialog(null), []);
  const closeDrawer = useCallback(() => setDrawer(null), []);
  const [historyOpen, setHistoryOpen] = useState(false);
  const closeHistory = useCallback(() => setHistoryOpen(false), []);
  useShortcutsKey(useCallback(() => setDialog('shortcuts'), []));
  // Behind a modal dialog or an open drawer the page is inert: no focus, no clicks, not read out.
  const behindDialog = dialog !== null;
  const behindDrawer = behindDialog || drawer !== null;

  return (
    <div className="session">
      <div className="session-header-slot" inert={behindDrawer}>
        <SessionHeader onDialog={setDialog} onDrawer={setDrawer} onHistory={() => setHistoryOpen((open) => !open)} historyOpen={historyOpen} />
      </div>
      <div className="session-body" inert={behindDialog}>
        <Drawer className="session-sidebar" label="Files and people" open={drawer === 'files'} onClose={closeDrawer} testId="files-drawer">
          <PanelBoundary label="The file list">
            <FileTree />
          </PanelBoundary>
          <PanelBoundary label="The people list">
            <PresenceList />
          </PanelBoundary>
        </Drawer>
        <main className="session-main" inert={behindDrawer}>
          {/* The editor stays mounted under the history panel, out of reach while it is open. */}
          <div className="session-editor-slot" inert={historyOpen}>
            <PanelBoundary label="The editor">
              <EditorPane />
            </PanelBoundary>
          </div>
          {historyOpen && (
            <PanelBoundary label="The history panel">
              <HistoryPanel onClose={closeHistory} />
            </PanelBoundary>
          )}
        </main>
        <Drawer className="session-ai" label="Spark" open={drawer === 'spark'} onClose={closeDrawer} testId="ai-panel-slot">
          <PanelBoundary label="Spark's panel">
            <AiPanel />
          </PanelBoundary>
        </Drawer>
      </div>
      <div className="status-bar-slot" inert={behindDrawer}>
        <PanelBoundary label="The status bar">
          <StatusBar />
        </PanelBoundary>
      </div>
      {dialog === 'share' && <ShareDialog onClose={closeDialog} />}
      {dialog === 'settings' && <SettingsDialog onClose={closeDialog} />}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={closeDialog} />}
      <SessionNotice />
    </div>
  );
}
