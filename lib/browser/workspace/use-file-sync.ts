'use client';

import { useEffect } from 'react';
import type * as Y from 'yjs';
import { filesOf, listFiles } from '../../shared/document/doc-model';
import type { CollabClient } from '../collab/collab-client';
import { useWorkspaceStore } from './workspace-store';

/** Keeps the workspace store's file list in step with the shared `files` map. */
export function useFileSync(client: CollabClient | null): void {
  useEffect(() => {
    if (!client) return;
    const files = filesOf(client.doc);
    const onChange = (event: Y.YMapEvent<Y.Text>) => {
      const store = useWorkspaceStore.getState();
      const renamedTo = renameTarget(event, store.openFile);
      store.setFiles(listFiles(client.doc));
      // Someone renamed the file this person has open: stay in it under its new name.
      if (renamedTo) store.open(renamedTo);
    };
    files.observe(onChange);
    useWorkspaceStore.getState().setFiles(listFiles(client.doc));
    return () => files.unobserve(onChange);
  }, [client]);
}

/**
 * A rename is one transaction that deletes a key and adds another (doc-model `renameFile`). When that
 * deleted key is the open file, the added key is where it went.
 */
function renameTarget(event: Y.YMapEvent<Y.Text>, openFile: string | null): string | null {
  if (!openFile || event.changes.keys.get(openFile)?.action !== 'delete') return null;
  const added = [...event.changes.keys].filter(([, change]) => change.action === 'add').map(([key]) => key);
  return added.length === 1 ? added[0]! : null;
}
