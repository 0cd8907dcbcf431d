'use client';

import { useMemo } from 'react';
import { fileChanges, type FileStatus } from '@/lib/browser/history/file-changes';
import type { CollabClient } from '@/lib/browser/collab/collab-client';
import { useLineWriters } from '@/lib/browser/history/use-line-writers';
import type { RoomWriters, VersionMeta } from '@/lib/shared/protocol/history';
import { HistoryDiff } from './history-diff';
import { formatWhen, KIND_LABELS } from './history-timeline';

const STATUS_LABELS: Record<FileStatus, string> = {
  added: 'created since',
  deleted: 'deleted since',
  changed: 'changed',
  same: 'unchanged',
};

interface Props {
  version: VersionMeta;
  /** The version's files; null while they load. */
  files: Record<string, string> | null;
  now: Record<string, string>;
  selectedFile: string | null;
  onSelectFile(path: string): void;
  /** Null when this link may only browse. */
  onRestore: ((file?: string) => void) | null;
  restoring: boolean;
  /** This browser's copy of the document and the room's client names: who wrote each line now. */
  client: CollabClient | null;
  writers: RoomWriters;
}

/**
 * One version, read-only: who and when, each file's change since, the chosen file's diff, Restore. The
 * restore buttons are marked unavailable rather than disabled, so focus stays on them after a restore.
 */
export function HistoryVersionView({ version, files, now, selectedFile, onSelectFile, onRestore, restoring, client, writers }: Props) {
  const changes = useMemo(() => (files ? fileChanges(files, now) : []), [files, now]);
  const shown = changes.find((c) => c.path === selectedFile) ?? changes.find((c) => c.status !== 'same') ?? changes[0];
  const differs = changes.some((c) => c.status !== 'same');
  const lineWriters = useLineWriters(client, shown?.path ?? null, shown ? (now[shown.path] ?? '') : '', writers);
  return (
    <section className="history-version-view" aria-label="The selected version" data-testid="history-version-view">
      <div className="history-summary">
        <strong>{version.label || KIND_LABELS[version.kind]}</strong>
        <span>{formatWhen(version.at)}</span>
        {version.by.length > 0 && <span>by {version.by.join(', ')}</span>}
      </div>
      {!files ? (
        <p className="history-empty">Loading this version…</p>
      ) : (
        <div className="history-compare">
          <ul className="history-files" aria-label="Files, compared with now">
            {changes.map((change) => (
              <li key={change.path}>
                <button
                  className={`history-file${change.path === shown?.path ? ' is-selected' : ''}`}
                  aria-current={change.path === shown?.path ? 'true' : undefined}
                  data-testid="history-file"
                  data-status={change.status}
                  onClick={() => onSelectFile(change.path)}
                >
                  <span className="history-file-path">{change.path}</span>
                  <span className={`history-file-status status-${change.status}`}>
                    {STATUS_LABELS[change.status]}
                    {change.status === 'changed' && ` +${change.linesAdded} −${change.linesRemoved}`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="history-file-view">
            {shown && <HistoryDiff path={shown.path} version={files[shown.path] ?? ''} now={now[shown.path] ?? ''} writers={lineWriters} />}
            <div className="history-actions">
              {onRestore ? (
                <>
                  {shown && (
                    <button
                      className="button primary"
                      data-testid="restore-file"
                      aria-disabled={restoring || shown.status === 'same'}
                      onClick={() => !restoring && shown.status !== 'same' && onRestore(shown.path)}
                    >
                      {shown.status === 'added' ? `Remove ${shown.path}` : `Restore ${shown.path}`}
                    </button>
                  )}
                  <button className="button" data-testid="restore-workspace" aria-disabled={restoring || !differs} onClick={() => !restoring && differs && onRestore()}>
                    Restore whole workspace
                  </button>
                </>
              ) : (
                <p className="history-note" data-testid="history-view-only">View-only links can browse history; restoring needs the edit link.</p>
              )}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
