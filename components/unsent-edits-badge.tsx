'use client';

import { useSessionStore } from '@/lib/browser/collab/session-store';

/**
 * Says when this browser holds edits the server has not seen: while they are still being written here,
 * then that they are kept here (closing the tab is safe) and go out on reconnect. It sits inside the
 * connection status, whose live region reads it out with the connection's state.
 */
export function UnsentEditsBadge() {
  const state = useSessionStore((s) => s.unsentEdits);
  if (state === 'none') return null;
  return (
    <span
      className="badge unsent-edits-badge"
      data-testid="unsent-edits"
      data-state={state}
      title="Your edits are kept in this browser and are sent when the connection is back."
    >
      {state === 'saving' ? 'Saving in this browser…' : 'Edits not sent yet'}
    </span>
  );
}
