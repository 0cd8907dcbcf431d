'use client';

import { useSessionStore } from '@/lib/browser/collab/session-store';

/**
 * Says when this browser holds edits the server has not seen: while they are still being written here,
 * then that they are kept here (closing the tab is safe) and go out on reconnect. The live region is
 * always there, so screen readers hear the badge come and go.
 */
export function UnsentEditsBadge() {
  const state = useSessionStore((s) => s.unsentEdits);
  return (
    <span role="status" className="unsent-edits-slot">
      {state !== 'none' && (
        <span
          className="badge unsent-edits-badge"
          data-testid="unsent-edits"
          data-state={state}
          title="Your edits are kept in this browser and are sent when the connection is back."
        >
          {state === 'saving' ? 'Saving in this browser…' : 'Edits not sent yet'}
        </span>
      )}
    </span>
  );
}
