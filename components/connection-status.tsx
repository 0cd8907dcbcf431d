'use client';

import type { ConnectionStatus as Status } from '@/lib/browser/collab/connection-status';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { UnsentEditsBadge } from './unsent-edits-badge';

const LABELS: Record<Status['kind'], string> = {
  connecting: 'Connecting…',
  online: 'Online',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  refused: 'Disconnected',
};

/** A dot and a word for the connection, and edits not sent yet; `data-status` is what tests wait on. */
export function ConnectionStatus() {
  const status = useSessionStore((s) => s.status);
  return (
    <span className={`connection-status is-${status.kind}`} data-testid="connection-status" data-status={status.kind} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {LABELS[status.kind]}
      <UnsentEditsBadge />
    </span>
  );
}
