'use client';

import { useEffect } from 'react';
import { useIdentityStore } from '../presence/identity-store';
import { CollabClient, wsOriginFor } from './collab-client';
import { useSessionStore } from './session-store';
import { accessFromLocation } from './share-link';

/**
 * Opens the session named by the page's room and fragment token for as long as the page is mounted, and
 * publishes it in the session store. Renames reach peers through awareness.
 */
export function useCollabSession(room: string): void {
  useEffect(() => {
    const access = accessFromLocation(room, window.location.hash);
    useSessionStore.setState({ room, access, client: null, status: { kind: 'connecting' } });
    if (access.kind !== 'ok') return;

    const identity = useIdentityStore.getState();
    const client = new CollabClient({
      room,
      token: access.token,
      permission: access.permission,
      user: identity.load(),
      wsOrigin: wsOriginFor(window.location),
      onStatus: (status) => useSessionStore.setState({ status }),
    });
    useSessionStore.setState({ client });
    const unsubscribe = useIdentityStore.subscribe((state, previous) => {
      if (state.user && state.user !== previous.user) client.setUser(state.user);
    });
    return () => {
      unsubscribe();
      client.destroy();
      useSessionStore.setState({ client: null });
    };
  }, [room]);
}
