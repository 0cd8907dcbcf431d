'use client';

import { useEffect, useState } from 'react';
import { markOpen } from '@/lib/browser/ui/open-timeline';
import { SessionShell } from './session-shell';

type SessionViewModule = typeof import('./session-view');
type SessionViewComponent = SessionViewModule['SessionView'];

/**
 * Both modules are requested as soon as this one is evaluated in the browser, before React hydrates the
 * page: hydration takes its own turns of the main thread, and the editor's module is the largest part of
 * the page and the last one an editable file waits for. The session view is asked for first: it opens
 * the session (identity, Yjs socket), which can then go on while Monaco's module is evaluated. The shell
 * already shows the file's first lines, so that evaluation delays nothing a person sees.
 */
const sessionView: Promise<SessionViewModule> | null = typeof window === 'undefined' ? null : import('./session-view');
if (typeof window !== 'undefined') {
  markOpen('monaco-requested');
  void import('./code-editor').catch(() => {});
}

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
