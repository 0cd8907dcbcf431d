'use client';

import { useEffect, useState } from 'react';
import { SessionShell } from './session-shell';

type SessionViewComponent = typeof import('./session-view').SessionView;

/**
 * The session view renders only in the browser: everything on it depends on the access token in the
 * URL fragment, which the server never sees. Skipping server rendering also keeps a second copy of Yjs
 * out of the server process ("Yjs was already imported"), where the collab server holds its own. Until
 * its module has loaded, the server-rendered shell stays, with the room's first lines in it.
 */
export function SessionLoader({ room }: { room: string }) {
  const [SessionView, setSessionView] = useState<SessionViewComponent | null>(null);
  useEffect(() => {
    let live = true;
    void import('./session-view').then((module) => live && setSessionView(() => module.SessionView));
    return () => {
      live = false;
    };
  }, []);
  return SessionView ? <SessionView room={room} /> : <SessionShell />;
}
