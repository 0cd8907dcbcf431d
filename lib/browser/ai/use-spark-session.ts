'use client';

import { useEffect } from 'react';
import { useSessionStore } from '../collab/session-store';
import { useSettingsStore } from '../settings/settings-store';
import { connectSpark } from './spark-client';
import { useSparkStore } from './spark-store';

/**
 * Opens the page's Spark connection with the same link token and signed identity as the document, once
 * the document's session is open, for as long as the session page is mounted, and publishes it in the
 * Spark store.
 */
export function useSparkSession(room: string): void {
  const access = useSessionStore((s) => s.access);
  const collab = useSessionStore((s) => s.client);
  const identity = useSessionStore((s) => s.identity);
  useEffect(() => {
    if (access?.kind !== 'ok' || !collab) return;
    const pin = () => useSettingsStore.getState().pin;
    const client = connectSpark({ origin: window.location.origin, room, token: access.token, identity, pin });
    useSparkStore.setState({ client, connection: client.connection });
    const unsubscribe = client.onConnection((connection) => useSparkStore.setState({ connection }));
    return () => {
      unsubscribe();
      client.close();
      useSparkStore.setState({ client: null, connection: { kind: 'connecting' } });
    };
  }, [room, access, collab, identity]);
}
