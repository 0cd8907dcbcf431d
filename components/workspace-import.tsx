'use client';

import { useRef } from 'react';
import { remember } from '@/lib/browser/collab/browser-keys';
import { localPathOf } from '@/lib/browser/collab/session-api';
import { pickedFiles, withoutCommonFolder, type PickedFile } from '@/lib/browser/workspace/dropped-files';
import { useFileDrop } from '@/lib/browser/workspace/use-file-drop';
import { startSessionFrom, zipForUpload } from '@/lib/browser/workspace/workspace-transfer';

/** Starts a session holding the files, keeps its owner link here and opens it, as New session does. */
async function startFrom(files: PickedFile[]): Promise<{ ok: boolean; message: string }> {
  const result = await startSessionFrom(await zipForUpload(withoutCommonFolder(files)));
  if (!result.ok) return { ok: false, message: `Could not start a session from these files. ${result.message}` };
  remember('owner', result.value.room, result.value.ownerToken);
  window.location.assign(localPathOf(result.value.editUrl));
  return { ok: true, message: 'Opening the session…' };
}

/** The landing page's way in for existing work: drop a .zip, files or a folder anywhere on it, or pick them. */
export function WorkspaceImport({ children }: { children: React.ReactNode }) {
  const { state, take, handlers } = useFileDrop(startFrom);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const onPicked = (event: React.ChangeEvent<HTMLInputElement>) => {
    if (event.target.files) void take(pickedFiles(event.target.files));
    event.target.value = '';
  };
  return (
    <main className={`landing${state.kind === 'over' ? ' is-drop-target' : ''}`} data-testid="landing-drop" {...handlers}>
      <div className="landing-card">
      {children}
      <div className="workspace-import">
        <p className="workspace-import-hint">Or start from your own code: drop a .zip, files or a folder here, or</p>
        <div className="workspace-import-buttons">
          <button className="button" data-testid="import-files-button" disabled={state.kind === 'busy'} onClick={() => filesInput.current?.click()}>
            Open files or a .zip…
          </button>
          <button className="button" data-testid="import-folder-button" disabled={state.kind === 'busy'} onClick={() => folderInput.current?.click()}>
            Open a folder…
          </button>
        </div>
        <input ref={filesInput} type="file" multiple hidden data-testid="import-files-input" onChange={onPicked} />
        <input ref={folderInput} type="file" hidden data-testid="import-folder-input" onChange={onPicked} {...{ webkitdirectory: '' }} />
        <p className="workspace-import-status" role="status" data-testid="import-status">
          {state.kind === 'busy' ? 'Uploading…' : state.kind === 'failed' || state.kind === 'done' ? state.message : ''}
        </p>
      </div>
      </div>
    </main>
  );
}
