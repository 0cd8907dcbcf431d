'use client';

import { useState } from 'react';
import type { FileResult } from '@/lib/shared/document/doc-model';
import { FileNameInput } from './file-name-input';
import { FileIcon, PencilIcon, TrashIcon } from './icons';

interface Props {
  path: string;
  open: boolean;
  editable: boolean;
  /** Colours of the people who have this file open, shown as dots. */
  viewers: string[];
  onOpen(): void;
  onRename(to: string): FileResult<string>;
  onDelete(): void;
}

type Mode = 'idle' | 'renaming' | 'confirm-delete';

export function FileTreeItem({ path, open, editable, viewers, onOpen, onRename, onDelete }: Props) {
  const [mode, setMode] = useState<Mode>('idle');
  if (mode === 'renaming') {
    return (
      <li className="file-tree-item">
        <FileNameInput
          initial={path}
          label={`Rename ${path}`}
          testId="rename-file-input"
          onCancel={() => setMode('idle')}
          onSubmit={(to) => {
            const result = onRename(to);
            if (result.ok) setMode('idle');
            return result;
          }}
        />
      </li>
    );
  }
  const slash = path.lastIndexOf('/') + 1;
  return (
    <li className={`file-tree-item${open ? ' is-open' : ''}`} data-testid="file-tree-item" data-path={path}>
      <button className="file-tree-open" aria-current={open ? 'page' : undefined} onClick={onOpen} onDoubleClick={() => editable && setMode('renaming')}>
        <FileIcon />
        <span className="file-tree-name">
          {slash > 0 && <span className="file-tree-dir">{path.slice(0, slash)}</span>}
          {path.slice(slash)}
        </span>
        <span className="file-tree-viewers">
          {viewers.map((color, i) => <span key={i} className="viewer-dot" style={{ background: color }} />)}
        </span>
      </button>
      {editable && mode === 'idle' && (
        <span className="file-tree-actions">
          <button className="icon-button" title="Rename" aria-label={`Rename ${path}`} data-testid="rename-file-button" onClick={() => setMode('renaming')}><PencilIcon /></button>
          <button className="icon-button" title="Delete" aria-label={`Delete ${path}`} data-testid="delete-file-button" onClick={() => setMode('confirm-delete')}><TrashIcon /></button>
        </span>
      )}
      {mode === 'confirm-delete' && (
        <span className="file-tree-confirm">
          <button className="text-button danger" data-testid="confirm-delete-button" onClick={() => (setMode('idle'), onDelete())}>Delete</button>
          <button className="text-button" onClick={() => setMode('idle')}>Keep</button>
        </span>
      )}
    </li>
  );
}
