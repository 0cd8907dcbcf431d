'use client';

import { useRef } from 'react';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { pickedFiles, type PickedFile } from '@/lib/browser/workspace/dropped-files';
import type { DropState } from '@/lib/browser/workspace/use-file-drop';
import { addFilesTo, downloadWorkspace, zipForUpload } from '@/lib/browser/workspace/workspace-transfer';
import { DownloadIcon, UploadIcon } from './icons';

/** Adds the files to the open session through the server, which holds them to the room's limits. */
export async function addToSession(files: PickedFile[]): Promise<{ ok: boolean; message: string }> {
  const { room, access } = useSessionStore.getState();
  if (!room || access?.kind !== 'ok') return { ok: false, message: 'This page has no session link.' };
  const result = await addFilesTo(room, access.token, await zipForUpload(files));
  if (!result.ok) return { ok: false, message: `No files added. ${result.message}` };
  return { ok: true, message: result.value.length === 1 ? `Added ${result.value[0]}.` : `Added ${result.value.length} files.` };
}

/** The file tree's buttons for work going out (download) and coming in (add files, or drop them on the tree). */
export function FileTreeTransfer({ editable, onPicked }: { editable: boolean; onPicked(files: PickedFile[]): void }) {
  const client = useSessionStore((s) => s.client);
  const room = useSessionStore((s) => s.room);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      {editable && (
        <button className="icon-button" title="Add files (or drop them here)" aria-label="Add files" data-testid="add-files-button" onClick={() => input.current?.click()}>
          <UploadIcon />
        </button>
      )}
      <button
        className="icon-button"
        title="Download the workspace as a .zip"
        aria-label="Download the workspace as a .zip"
        data-testid="download-workspace-button"
        disabled={!client || !room}
        onClick={() => client && room && downloadWorkspace(client.doc, room)}
      >
        <DownloadIcon />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="add-files-input"
        onChange={(event) => {
          if (event.target.files) onPicked(pickedFiles(event.target.files));
          event.target.value = '';
        }}
      />
    </>
  );
}

/** What became of the last drop or pick, said where the person is looking. */
export function FileTreeDropStatus({ state }: { state: DropState }) {
  const text = state.kind === 'busy' ? 'Adding files…' : state.kind === 'done' || state.kind === 'failed' ? state.message : '';
  return (
    <p className={`file-tree-drop-status${state.kind === 'failed' ? ' is-failed' : ''}`} role="status" data-testid="add-files-status">
      {text}
    </p>
  );
}
