'use client';

import dynamic from 'next/dynamic';

/**
 * The session page renders only in the browser: everything on it depends on the access token in the
 * URL fragment, which the server never sees. Skipping server rendering also keeps a second copy of Yjs
 * out of the server process ("Yjs was already imported"), where the collab server holds its own.
 */
const SessionView = dynamic(() => import('./session-view').then((m) => m.SessionView), {
  ssr: false,
  loading: () => <div className="session-loading">Opening session…</div>,
});

export function SessionLoader({ room }: { room: string }) {
  return <SessionView room={room} />;
}
