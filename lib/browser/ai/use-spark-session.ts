'use client';

import { useEffect } from 'react';
import { useSessionStore } from '../collab/session-store';
import { useIdentityStore } from '../presence/identity-store';
import { connectSpark } from './spark-client';
import { useSparkStore } from './spark-store';

/**
 * Opens the page's Spark connection with the same link token as the document, for as long as the session
 * page is mounted, and publishes it in the Spark store.
 */
export function useSparkSession(room: string): void {
  const access = useSessionStore((s) => s.access);
  const userId = useIdentityStore((s) => s.user?.id ?? null);
  useEffect(() => {
    if (access?.kind !== 'ok' || !userId) return;
    const client = connectSpark({ origin: window.location.origin, room, token: access.token, userId });
    useSparkStore.setState({ client, connection: client.connection });
    const unsubscribe = client.onConnection((connection) => useSparkStore.setState({ connection }));
    return () => {
      unsubscribe();
      client.close();
      useSparkStore.setState({ client: null, connection: { kind: 'connecting' } });
    };
  }, [room, access, userId]);
}
