'use client';

import { useState } from 'react';
import { remember } from '@/lib/browser/collab/browser-keys';
import { createSession, localPathOf } from '@/lib/browser/collab/session-api';

/** Creates a room on the server, keeps its owner link in this browser and opens its edit link. */
export function NewSessionButton() {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'creating' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const start = async () => {
    setState({ kind: 'creating' });
    const result = await createSession();
    if (!result.ok) return setState({ kind: 'failed', message: result.message });
    // The owner link stays in this browser only; the address bar shows the edit link, safe to share.
    remember('owner', result.value.room, result.value.ownerToken);
    // A full navigation: the session page reads its token from the fragment as it starts.
    window.location.assign(localPathOf(result.value.editUrl));
  };
  return (
    <div className="new-session">
      <button className="button primary large" data-testid="new-session-button" disabled={state.kind === 'creating'} onClick={start}>
        {state.kind === 'creating' ? 'Creating…' : 'New session'}
      </button>
      {state.kind === 'failed' && <p className="form-error" role="alert">Could not create a session. {state.message}</p>}
    </div>
  );
}
