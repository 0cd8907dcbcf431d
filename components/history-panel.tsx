'use client';

import { useId, useRef } from 'react';
import { useHistory } from '@/lib/browser/history/use-history';
import { useHistoryStore } from '@/lib/browser/history/history-store';
import { useWorkspaceTexts } from '@/lib/browser/history/use-workspace-texts';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { usePanelFocus } from '@/lib/browser/ui/use-panel-focus';
import { HistoryTimeline } from './history-timeline';
import { HistoryVersionView } from './history-version-view';
import { SaveVersionForm } from './save-version-form';
import './history-panel.css';

/**
 * The session's history over the editor: save a version, scrub the timeline, see each version against
 * now, restore it (or one file). A restore arrives in everyone's editor as an ordinary edit.
 */
export function HistoryPanel({ onClose }: { onClose(): void }) {
  const titleId = useId();
  const title = useRef<HTMLHeadingElement>(null);
  usePanelFocus(title, onClose);
  const { caller, canRestore } = useHistory();
  const client = useSessionStore((s) => s.client);
  const now = useWorkspaceTexts(client);
  const { versions, selectedId, files, selectedFile, writers, work, error, announcement } = useHistoryStore();
  const store = useHistoryStore.getState();
  const selected = versions?.find((v) => v.id === selectedId) ?? null;
  return (
    <section className="history-panel" aria-labelledby={titleId} data-testid="history-panel">
      <header className="history-header">
        <h2 id={titleId} ref={title} tabIndex={-1}>History</h2>
        {caller && canRestore && <SaveVersionForm saving={work === 'saving'} onSave={(label) => store.save(caller, label)} />}
        <span className="header-spacer" />
        <button className="button" data-testid="history-close" onClick={onClose}>Back to editor</button>
      </header>
      {error && <p className="form-error history-error" role="alert">{error}</p>}
      {!versions && !error && <p className="history-empty">Loading history…</p>}
      {versions && versions.length === 0 && (
        <p className="history-empty">No versions yet. One is kept after every two minutes of editing, before each Spark edit, and when you save one.</p>
      )}
      {versions && versions.length > 0 && caller && (
        <div className="history-body">
          <HistoryTimeline versions={versions} selectedId={selectedId} onSelect={(id) => void store.select(caller, id)} />
          {selected && (
            <HistoryVersionView
              version={selected}
              files={files?.id === selected.id ? files.files : null}
              now={now}
              selectedFile={selectedFile}
              onSelectFile={store.selectFile}
              onRestore={canRestore ? (file) => void store.restore(caller, file) : null}
              restoring={work === 'restoring'}
              client={client}
              writers={writers}
            />
          )}
        </div>
      )}
      <p className="visually-hidden" aria-live="polite">{announcement}</p>
    </section>
  );
}
