import { create } from 'zustand';
import type { CollabClient } from './collab-client';
import type { ConnectionStatus } from './connection-status';
import type { LinkAccess } from './share-link';

/** The open session as the UI reads it. Written only by `useCollabSession`. */
export interface SessionState {
  room: string | null;
  /** What the link in the address bar allows; null until the page has read its fragment. */
  access: LinkAccess | null;
  client: CollabClient | null;
  /** This browser's server-signed identity in the room, once asked for (null if the server gave none). */
  identity: string | null;
  /** The server's state has arrived since the page opened: an empty file list now means an empty room. */
  synced: boolean;
  status: ConnectionStatus;
}

export const useSessionStore = create<SessionState>(() => ({
  room: null,
  access: null,
  client: null,
  identity: null,
  synced: false,
  status: { kind: 'connecting' },
}));
