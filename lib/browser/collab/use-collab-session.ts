'use client';

import { useEffect } from 'react';
import { useIdentityStore } from '../presence/identity-store';
import { useSettingsStore } from '../settings/settings-store';
import { remember, remembered } from './browser-keys';
import { CollabClient, wsOriginFor } from './collab-client';
import { fetchRoomDefaults, requestIdentity } from './session-api';
import { markOpen } from '../ui/open-timeline';
import { useSessionStore } from './session-store';
import { accessFromLocation } from './share-link';

/**
 * Opens the session named by the page's room and fragment token (or the owner link this browser kept
 * for the room) for as long as the page is mounted, and publishes it in the session store. First it
 * asks the server for this browser's signed identity in the room, which both channels present and
 * which is the only id this person's awareness carries. Renames reach peers through awareness. Beside
 * it, the room's defaults (set by its owner) are fetched for the settings this person has not chosen.
 */
export function useCollabSession(room: string): void {
  useEffect(() => {
    const access = accessFromLocation(room, window.location.hash, remembered('owner', room));
    useSessionStore.setState({ room, access, client: null, identity: null, synced: false, status: { kind: 'connecting' }, unsentEdits: 'none' });
    if (access.kind !== 'ok') return;

    const controller = new AbortController();
    let client: CollabClient | null = null;
    let unsubscribe = () => {};
    const onSync = (synced: boolean) => synced && useSessionStore.setState({ synced: true });
    void fetchRoomDefaults(room, access.token, controller.signal)
      .then((defaults) => defaults.ok && !controller.signal.aborted && useSettingsStore.getState().setRoomDefaults(defaults.value))
      .catch(() => {});
    void requestIdentity(room, access.token, remembered('identity', room), controller.signal)
      .catch(() => null)
      .then((issued) => {
        if (controller.signal.aborted) return;
        markOpen('identity');
        const identity = issued?.ok ? issued.value : null;
        if (identity) remember('identity', room, identity.identity);
        const store = useIdentityStore.getState();
        // Without a signed identity (the server refused the link, or is away) the editor still opens,
        // and the socket's refusal or reconnect tells the person what happened.
        const user = identity ? store.adopt(identity.userId) : store.load();
        client = new CollabClient({
          room,
          token: access.token,
          identity: identity?.identity ?? null,
          permission: access.permission,
          user,
          wsOrigin: wsOriginFor(window.location),
          onStatus: (status) => useSessionStore.setState({ status }),
          onUnsentEdits: (unsentEdits) => useSessionStore.setState({ unsentEdits }),
        });
        client.provider.on('sync', onSync);
        useSessionStore.setState({ client, identity: identity?.identity ?? null, unsentEdits: client.unsentEdits });
        unsubscribe = useIdentityStore.subscribe((state, previous) => {
          if (state.user && state.user !== previous.user) client?.setUser(state.user);
        });
      });
    return () => {
      controller.abort();
      unsubscribe();
      client?.provider.off('sync', onSync);
      client?.destroy();
      useSessionStore.setState({ client: null, identity: null });
      useSettingsStore.getState().setRoomDefaults({});
    };
  }, [room]);
}
