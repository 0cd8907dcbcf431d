'use client';

import { useCallback, useEffect, useState } from 'react';
import { canEdit } from '../../shared/share-token';
import { fetchSessionLinks, resetSessionLinks, type SessionLinks } from './session-api';
import { useSessionStore } from './session-store';
import { linkFor } from './share-link';

export interface ShareLinksView {
  /** This page was opened with a view-only link: it cannot hand out edit rights. */
  viewOnly: boolean;
  editUrl: string | null;
  viewUrl: string | null;
  /** The owner link, for the browser that created the room only. */
  ownerUrl: string | null;
  error: string | null;
  /** For the owner: replaces both share links; everyone holding the old ones is cut off. */
  reset: (() => Promise<void>) | null;
  resetting: boolean;
}

/**
 * The links this page can share. A view-only page shares its own link; an editor or the owner asks the
 * server for the current pair (the page only knows its own token), and the owner can reset them.
 */
export function useShareLinks(active: boolean): ShareLinksView {
  const room = useSessionStore((s) => s.room);
  const access = useSessionStore((s) => s.access);
  const [fetched, setFetched] = useState<{ links: SessionLinks | null; error: string | null }>({ links: null, error: null });
  const [resetting, setResetting] = useState(false);
  const ownLink = typeof window === 'undefined' ? null : window.location.href;
  const permission = access?.kind === 'ok' ? access.permission : null;
  const token = access?.kind === 'ok' ? access.token : null;

  useEffect(() => {
    if (!active || !room || !token || !permission || !canEdit(permission)) return;
    const controller = new AbortController();
    fetchSessionLinks(room, token, controller.signal)
      .then((result) => setFetched(result.ok ? { links: result.value, error: null } : { links: null, error: result.message }))
      .catch(() => undefined /* aborted: the dialog closed */);
    return () => controller.abort();
  }, [active, room, token, permission]);

  const reset = useCallback(async () => {
    if (!room || !token) return;
    setResetting(true);
    const result = await resetSessionLinks(room, token);
    setResetting(false);
    setFetched(result.ok ? { links: result.value, error: null } : { links: fetched.links, error: result.message });
  }, [room, token, fetched.links]);

  if (permission === 'view') return { viewOnly: true, editUrl: null, viewUrl: ownLink, ownerUrl: null, error: null, reset: null, resetting };
  const editUrl = fetched.links ? linkFor(window.location.origin, fetched.links.room, fetched.links.editToken) : null;
  const viewUrl = fetched.links ? linkFor(window.location.origin, fetched.links.room, fetched.links.viewToken) : null;
  if (permission === 'edit') return { viewOnly: false, editUrl: editUrl ?? ownLink, viewUrl, ownerUrl: null, error: fetched.error, reset: null, resetting };
  if (permission === 'owner' && room && token) {
    return { viewOnly: false, editUrl, viewUrl, ownerUrl: linkFor(window.location.origin, room, token), error: fetched.error, reset, resetting };
  }
  return { viewOnly: false, editUrl: null, viewUrl: null, ownerUrl: null, error: null, reset: null, resetting };
}
