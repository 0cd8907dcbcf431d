// lib/browser/presence/: who is in the session: this person's identity (name, colour) and everyone's parsed
// awareness state. The presence store is the entry point.

import { create } from 'zustand';
import type { Peer } from '../../shared/protocol/awareness';

/** Everyone in the session (this person included, `isLocal`), parsed from awareness. */
export const usePresenceStore = create<{ peers: Peer[] }>(() => ({ peers: [] }));

/** Stable order for lists: this person first, then by name, with client id breaking ties. */
export function sortPeers(peers: Peer[]): Peer[] {
  return [...peers].sort(
    (a, b) => Number(b.isLocal) - Number(a.isLocal) || a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId,
  );
}
