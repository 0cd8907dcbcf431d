'use client';

import Link from 'next/link';
import { REFUSAL_MESSAGES } from '@/lib/shared/protocol/refusals';
import { useSessionStore } from '@/lib/browser/collab/session-store';

/** A full-page message when this link cannot open the session, with the server's reason when it gave one. */
export function SessionNotice() {
  const access = useSessionStore((s) => s.access);
  const status = useSessionStore((s) => s.status);
  const message =
    access?.kind === 'missing-token'
      ? 'This link has no access key. Open the full link you were sent, including the part after "#".'
      : access?.kind === 'wrong-room'
        ? REFUSAL_MESSAGES.FORBIDDEN_ROOM
        : status.kind === 'refused'
          ? REFUSAL_MESSAGES[status.reason]
          : null;
  if (!message) return null;
  const code = status.kind === 'refused' ? status.reason : access?.kind === 'ok' ? null : access?.kind;
  return (
    <div className="dialog-backdrop">
      <div className="dialog notice" role="alertdialog" aria-labelledby="notice-title" data-testid="session-notice" data-reason={code ?? undefined}>
        <h2 id="notice-title">Can’t open this session</h2>
        <p>{message}</p>
        {code && <p className="notice-code"><code>{code}</code></p>}
        <Link className="button primary" href="/">Start a new session</Link>
      </div>
    </div>
  );
}
