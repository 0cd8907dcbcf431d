'use client';

import { useState } from 'react';
import { useShareLinks } from '@/lib/browser/collab/use-share-links';
import { useClipboard } from '@/lib/browser/ui/use-clipboard';
import { Dialog } from './dialog';
import { CopyIcon } from './icons';

interface Props {
  onClose(): void;
}

/**
 * The session's two share links (one lets people edit, the other only watch) and, for the browser that
 * created the session, its owner link and the control that resets the share links.
 */
export function ShareDialog({ onClose }: Props) {
  const links = useShareLinks(true);
  const { copied, copy } = useClipboard();
  return (
    <Dialog
      title="Share this session"
      onClose={onClose}
      testId="share-dialog"
      closeTestId="share-close"
      lead="Anyone with a link can join. The link itself is the key: share it only with people you trust."
    >
      <LinkRow
        id="edit"
        title="Can edit"
        hint="Types, creates and renames files with you."
        url={links.editUrl}
        missing={links.viewOnly ? 'This page was opened with a view-only link, so it cannot hand out edit access.' : (links.error ?? 'Loading…')}
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
      {links.ownerUrl && (
        <>
          <LinkRow
            id="owner"
            title="Owner"
            hint="Yours alone: it can reset the links. Do not share it."
            url={links.ownerUrl}
            missing=""
            copied={copied === 'owner'}
            onCopy={(url) => copy('owner', url)}
          />
          <ResetLinks reset={links.reset} resetting={links.resetting} />
        </>
      )}
    </Dialog>
  );
}

function ResetLinks({ reset, resetting }: { reset: (() => Promise<void>) | null; resetting: boolean }) {
  const [confirming, setConfirming] = useState(false);
  if (!reset) return null;
  return (
    <section className="share-reset">
      <p>Resetting makes new edit and view links. Everyone who joined with the old ones is disconnected at once; your owner link keeps working.</p>
      {confirming ? (
        <div className="share-reset-actions">
          <button className="button danger" data-testid="reset-links-confirm" disabled={resetting} onClick={() => void reset().then(() => setConfirming(false))}>
            {resetting ? 'Resetting…' : 'Reset and disconnect them'}
          </button>
          <button className="button" onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      ) : (
        <button className="button" data-testid="reset-links" onClick={() => setConfirming(true)}>Reset links</button>
      )}
    </section>
  );
}

interface RowProps {
  id: 'edit' | 'view' | 'owner';
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
