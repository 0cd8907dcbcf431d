'use client';

import Link from 'next/link';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { ConnectionStatus } from './connection-status';
import { EyeIcon, GearIcon, HistoryIcon, KeyboardIcon, MenuIcon, ShareIcon, SparkIcon } from './icons';
import { NameEditor } from './name-editor';

export type SessionDialog = 'share' | 'settings' | 'shortcuts';
export type SessionDrawer = 'files' | 'spark';

interface Props {
  onDialog(dialog: SessionDialog): void;
  /** Small screens only: the side panels are drawers there (session.css shows these buttons). */
  onDrawer(drawer: SessionDrawer): void;
  /** Opens or closes the history panel over the editor. */
  onHistory(): void;
  historyOpen: boolean;
}

export function SessionHeader({ onDialog, onDrawer, onHistory, historyOpen }: Props) {
  const room = useSessionStore((s) => s.room);
  const access = useSessionStore((s) => s.access);
  const readOnly = access?.kind === 'ok' && access.permission === 'view';
  return (
    <header className="session-header">
      <button className="icon-button drawer-toggle" aria-label="Files and people" data-testid="open-files-drawer" onClick={() => onDrawer('files')}>
        <MenuIcon size={16} />
      </button>
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
      <button className="icon-button" aria-label="History" aria-pressed={historyOpen} title="History: versions and restore" data-testid="history-button" onClick={onHistory}>
        <HistoryIcon size={16} />
      </button>
      <button className="icon-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" data-testid="shortcuts-button" onClick={() => onDialog('shortcuts')}>
        <KeyboardIcon size={16} />
      </button>
      <button className="icon-button" aria-label="Settings" title="Settings" data-testid="settings-button" onClick={() => onDialog('settings')}>
        <GearIcon size={16} />
      </button>
      <button className="icon-button drawer-toggle" aria-label="Spark" data-testid="open-spark-drawer" onClick={() => onDrawer('spark')}>
        <SparkIcon size={16} />
      </button>
      <button className="button primary" aria-label="Share" data-testid="share-button" onClick={() => onDialog('share')}>
        <ShareIcon /> <span className="share-label">Share</span>
      </button>
    </header>
  );
}
