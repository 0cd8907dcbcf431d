'use client';

import { useEffect } from 'react';
import type { CollabClient } from '../collab/collab-client';
import { parsePeers } from '../../shared/protocol/awareness';
import { useWorkspaceStore } from '../workspace/workspace-store';
import { setPeers, sortPeers } from './presence-store';

/**
 * Mirrors awareness into the presence store, and publishes which file this person has open. The caret
 * itself is published by the editor (lib/browser/editor/local-selection.ts), which knows the Y.Text.
 */
export function usePresenceSync(client: CollabClient | null): void {
  useEffect(() => {
    if (!client) return;
    const { awareness } = client;
    const refresh = () => setPeers(sortPeers(parsePeers(awareness.getStates(), awareness.clientID)));
    awareness.on('change', refresh);
    refresh();

    const publishFile = (file: string | null) => {
      const local = awareness.getLocalState();
      if (!local || local.file === file) return;
      // The old selection pointed into the previous file's text: drop it in the same update.
      awareness.setLocalState({ ...local, file, selection: null });
    };
    publishFile(useWorkspaceStore.getState().openFile);
    const unsubscribe = useWorkspaceStore.subscribe((state) => publishFile(state.openFile));
    return () => {
      unsubscribe();
      awareness.off('change', refresh);
    };
  }, [client]);
}
