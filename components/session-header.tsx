'use client';

import Link from 'next/link';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { ConnectionStatus } from './connection-status';
import { EyeIcon, ShareIcon } from './icons';
import { NameEditor } from './name-editor';

export function SessionHeader({ onShare }: { onShare(): void }) {
  const room = useSessionStore((s) => s.room);
  const access = useSessionStore((s) => s.access);
  const readOnly = access?.kind === 'ok' && access.permission === 'view';
  return (
    <header className="session-header">
      <Link href="/" className="brand" aria-label="Sparkpad home">
        <span className="brand-mark">✦</span> Sparkpad
      </Link>
      <span className="session-room" title={room ?? undefined}>
        session <code>{room?.slice(0, 8)}</code>
      </span>
      {readOnly && (
        <span className="badge read-only-badge" data-testid="read-only-badge" title="You opened a view-only link">
          <EyeIcon /> View only
        </span>
      )}
      <ConnectionStatus />
      <span className="header-spacer" />
      <NameEditor />
      <button className="button primary" data-testid="share-button" onClick={onShare}>
        <ShareIcon /> Share
      </button>
    </header>
  );
}
