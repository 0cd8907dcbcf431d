'use client';

import { useEffect, useState } from 'react';
import { markOpen } from '@/lib/browser/ui/open-timeline';
import { SessionShell } from './session-shell';

type SessionViewComponent = typeof import('./session-view').SessionView;

/**
 * The session view renders only in the browser: everything on it depends on the access token in the
 * URL fragment, which the server never sees. Skipping server rendering also keeps a second copy of Yjs
 * out of the server process ("Yjs was already imported"), where the collab server holds its own. Until
 * its module has loaded, the server-rendered shell stays, with the room's first lines in it. The editor's
 * module is requested at the same time (editor-pane.tsx renders it from the same module).
 */
export function SessionLoader({ room }: { room: string }) {
  const [SessionView, setSessionView] = useState<SessionViewComponent | null>(null);
  useEffect(() => {
    let live = true;
    // Monaco is the largest part of the page and the last one an editable file waits for: its fetch
    // starts beside the session view's, not after the session view has rendered. The shell already
    // shows the file's first lines, so its evaluation delays nothing a person sees.
    markOpen('monaco-requested');
    void import('./code-editor').catch(() => {});
    void import('./session-view').then((module) => live && setSessionView(() => module.SessionView));
    return () => {
      live = false;
    };
  }, []);
  return SessionView ? <SessionView room={room} /> : <SessionShell />;
}
