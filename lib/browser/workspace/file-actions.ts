import { createFile, deleteFile, renameFile, type FileResult } from '../../shared/document/doc-model';
import type { CollabClient } from '../collab/collab-client';
import { useWorkspaceStore } from './workspace-store';

/**
 * What the file tree's buttons do. Each returns the doc-model result, so the tree can show the named
 * error next to the input.
 */

export function createAndOpen(client: CollabClient, rawPath: string): FileResult<string> {
  const result = createFile(client.doc, rawPath);
  if (result.ok) openByHand(result.value);
  return result;
}

export function renameAndKeepOpen(client: CollabClient, from: string, rawTo: string): FileResult<string> {
  const wasOpen = useWorkspaceStore.getState().openFile === from;
  const result = renameFile(client.doc, from, rawTo);
  if (result.ok && wasOpen) useWorkspaceStore.getState().open(result.value);
  return result;
}

export function remove(client: CollabClient, path: string): FileResult {
  return deleteFile(client.doc, path);
}

/** Opening a file yourself is moving by yourself: it ends following. */
export function openByHand(path: string): void {
  const store = useWorkspaceStore.getState();
  store.follow(null);
  store.open(path);
}
