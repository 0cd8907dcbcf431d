'use client';

import { useEffect, useState } from 'react';
import { fetchSessionLinks } from './session-api';
import { useSessionStore } from './session-store';

export interface ShareLinksView {
  /** Null when this page was opened with a view-only link: it cannot hand out edit rights. */
  editUrl: string | null;
  viewUrl: string | null;
  error: string | null;
}

/**
 * The links this page can share. The address bar is the link it was opened with; an editor asks the
 * server for the matching view-only link (the page only knows its own token).
 */
export function useShareLinks(active: boolean): ShareLinksView {
  const room = useSessionStore((s) => s.room);
  const access = useSessionStore((s) => s.access);
  const [fetched, setFetched] = useState<{ viewUrl: string | null; error: string | null }>({ viewUrl: null, error: null });
  const ownLink = typeof window === 'undefined' ? null : window.location.href;
  const permission = access?.kind === 'ok' ? access.permission : null;

  useEffect(() => {
    if (!active || !room || access?.kind !== 'ok' || access.permission !== 'edit') return;
    const controller = new AbortController();
    fetchSessionLinks(room, access.token, controller.signal)
      .then((result) => setFetched(result.ok ? { viewUrl: result.value.viewUrl, error: null } : { viewUrl: null, error: result.message }))
      .catch(() => undefined /* aborted: the dialog closed */);
    return () => controller.abort();
  }, [active, room, access]);

  if (permission === 'view') return { editUrl: null, viewUrl: ownLink, error: null };
  if (permission === 'edit') return { editUrl: ownLink, viewUrl: fetched.viewUrl, error: fetched.error };
  return { editUrl: null, viewUrl: null, error: null };
}
