'use client';

import { useEffect, useState } from 'react';
import { SessionShell } from './session-shell';

type SessionViewModule = typeof import('./session-view');
type SessionViewComponent = SessionViewModule['SessionView'];

/**
 * The session view's module is requested as soon as this one is evaluated in the browser, before React
 * hydrates the page: hydration takes its own turns of the main thread, and the session view opens the
 * session (identity, Yjs socket). Monaco's module is asked for later, once the document has synced
 * (use-editor-load-gate.ts): the shell already shows the file's first lines, and the plain editor
 * takes the person's keys until Monaco does.
 */
const sessionView: Promise<SessionViewModule> | null = typeof window === 'undefined' ? null : import('./session-view');

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
    void (sessionView ?? import('./session-view')).then((module) => live && setSessionView(() => module.SessionView));
    return () => {
      live = false;
    };
  }, []);
  return SessionView ? <SessionView room={room} /> : <SessionShell />;
}
