'use client';

import { useState } from 'react';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { usePresenceStore } from '@/lib/browser/presence/presence-store';
import { createAndOpen, openByHand, remove, renameAndKeepOpen } from '@/lib/browser/workspace/file-actions';
import { suggestFileName } from '@/lib/browser/workspace/suggest-file-name';
import { useFileDrop } from '@/lib/browser/workspace/use-file-drop';
import { useWorkspaceStore } from '@/lib/browser/workspace/workspace-store';
import { FileNameInput } from './file-name-input';
import { FileTreeItem } from './file-tree-item';
import { addToSession, FileTreeDropStatus, FileTreeTransfer } from './file-tree-transfer';
import { PlusIcon } from './icons';

export function FileTree() {
  const client = useSessionStore((s) => s.client);
  const files = useWorkspaceStore((s) => s.files);
  // Before the server's state arrived, an empty list means "not known yet", not an empty room.
  const synced = useSessionStore((s) => s.synced);
  const openFile = useWorkspaceStore((s) => s.openFile);
  const peers = usePresenceStore((s) => s.people);
  const [creating, setCreating] = useState(false);
  const editable = client?.canEdit ?? false;
  const drop = useFileDrop(addToSession, editable);

  return (
    <nav className={`panel file-tree${drop.state.kind === 'over' ? ' is-drop-target' : ''}`} aria-label="Files" {...drop.handlers}>
      <header className="panel-header">
        <h2>Files</h2>
        <span className="panel-actions">
          {editable && (
            <button className="icon-button" title="New file" aria-label="New file" data-testid="new-file-button" onClick={() => setCreating(true)}>
              <PlusIcon />
            </button>
          )}
          <FileTreeTransfer editable={editable} onPicked={(picked) => void drop.take(picked)} />
        </span>
      </header>
      <FileTreeDropStatus state={drop.state} />
      <ul className="file-tree-list" data-testid="file-tree">
        {creating && client && (
          <li className="file-tree-item">
            <FileNameInput
              initial={suggestFileName(files)}
              label="New file name"
              testId="new-file-input"
              onCancel={() => setCreating(false)}
              onSubmit={(name) => {
                const result = createAndOpen(client, name);
                if (result.ok) setCreating(false);
                return result;
              }}
            />
          </li>
        )}
        {files.map((path) => (
          <FileTreeItem
            key={path}
            path={path}
            open={path === openFile}
            editable={editable}
            viewers={peers.filter((p) => !p.isLocal && p.file === path).map((p) => p.user.color)}
            onOpen={() => openByHand(path)}
            onRename={(to) => renameAndKeepOpen(client!, path, to)}
            onDelete={() => remove(client!, path)}
          />
        ))}
        {files.length === 0 && synced && !creating && <li className="panel-empty">No files yet.</li>}
      </ul>
    </nav>
  );
}
