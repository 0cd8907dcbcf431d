'use client';

import { useEffect } from 'react';
import { useShareLinks } from '@/lib/browser/collab/use-share-links';
import { useClipboard } from '@/lib/browser/ui/use-clipboard';
import { CopyIcon } from './icons';

interface Props {
  onClose(): void;
}

/** The session's two links: one lets people edit, the other only watch. */
export function ShareDialog({ onClose }: Props) {
  const links = useShareLinks(true);
  const { copied, copy } = useClipboard();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="share-title" data-testid="share-dialog">
        <header className="dialog-header">
          <h2 id="share-title">Share this session</h2>
          <button className="icon-button" aria-label="Close" data-testid="share-close" onClick={onClose}>×</button>
        </header>
        <p className="dialog-lead">Anyone with a link can join. The link itself is the key: share it only with people you trust.</p>
        <LinkRow
          id="edit"
          title="Can edit"
          hint="Types, creates and renames files with you."
          url={links.editUrl}
          missing="This page was opened with a view-only link, so it cannot hand out edit access."
          copied={copied === 'edit'}
          onCopy={(url) => copy('edit', url)}
        />
        <LinkRow
          id="view"
          title="View only"
          hint="Watches live, cannot change anything."
          url={links.viewUrl}
          missing={links.error ?? 'Loading…'}
          copied={copied === 'view'}
          onCopy={(url) => copy('view', url)}
        />
      </div>
    </div>
  );
}

interface RowProps {
  id: 'edit' | 'view';
  title: string;
  hint: string;
  url: string | null;
  missing: string;
  copied: boolean;
  onCopy(url: string): void;
}

function LinkRow({ id, title, hint, url, missing, copied, onCopy }: RowProps) {
  return (
    <section className="share-row">
      <div className="share-row-title">
        <strong>{title}</strong>
        <span>{hint}</span>
      </div>
      {url ? (
        <div className="share-row-link">
          <input readOnly value={url} aria-label={`${title} link`} data-testid={`share-${id}-link`} onFocus={(e) => e.currentTarget.select()} />
          <button className={`button${copied ? ' is-done' : ''}`} data-testid={`copy-${id}-link`} onClick={() => onCopy(url)}>
            <CopyIcon /> {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      ) : (
        <div className="share-row-missing" data-testid={`share-${id}-missing`}>{missing}</div>
      )}
    </section>
  );
}
