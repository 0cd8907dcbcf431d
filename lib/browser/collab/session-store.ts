import { create } from 'zustand';
import type { CollabClient } from './collab-client';
import type { ConnectionStatus } from './connection-status';
import type { UnsentState } from '../offline/unsent-edits';
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
  /** This browser holds edits the server has not seen yet (kept in its local copy until they are sent). */
  unsentEdits: UnsentState;
}

export const useSessionStore = create<SessionState>(() => ({
  room: null,
  access: null,
  client: null,
  identity: null,
  synced: false,
  status: { kind: 'connecting' },
  unsentEdits: 'none',
}));
