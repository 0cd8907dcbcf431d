// lib/browser/history/: the history panel's logic: the history API client, the store of versions and the
// one being looked at, what changed in each file since a version, and the workspace's texts now.
// useHistory (this file) is the entry point.
'use client';

import { useEffect, useMemo } from 'react';
import { useSessionStore } from '../collab/session-store';
import type { HistoryCaller } from './history-api';
import { useHistoryStore } from './history-store';

/**
 * While the document changes the list is asked for again, at most once per this: a Spark edit or a
 * restore by someone else comes with a version, and the open panel should show it.
 */
const REFRESH_WHILE_EDITED_MS = 3_000;

/**
 * Who the page calls history as (its link token and signed identity) and whether it may restore, with
 * the versions loaded while the panel is open. The server checks the permission again on every call.
 */
export function useHistory(): { caller: HistoryCaller | null; canRestore: boolean } {
  const room = useSessionStore((s) => s.room);
  const access = useSessionStore((s) => s.access);
  const identity = useSessionStore((s) => s.identity);
  const token = access?.kind === 'ok' ? access.token : null;
  const caller = useMemo(() => (room && token ? { room, token, identity } : null), [room, token, identity]);
  const client = useSessionStore((s) => s.client);
  useEffect(() => {
    if (!caller) return;
    void useHistoryStore.getState().refresh(caller);
    if (!client) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      timer ??= setTimeout(() => {
        timer = null;
        void useHistoryStore.getState().refresh(caller);
      }, REFRESH_WHILE_EDITED_MS);
    };
    client.doc.on('update', onUpdate);
    return () => {
      client.doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [caller, client]);
  return { caller, canRestore: access?.kind === 'ok' && access.permission !== 'view' };
}
