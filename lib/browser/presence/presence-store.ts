// lib/browser/presence/: who is in the session: this person's identity (name, colour) and everyone's parsed
// awareness state. The presence store is the entry point.

import { create } from 'zustand';
import type { Peer } from '../../shared/protocol/awareness';

interface PresenceStore {
  /** Everyone in the session (this person included, `isLocal`), parsed from awareness. */
  peers: Peer[];
  /**
   * The same people as lists show them (name, colour, open file): a new array only when one of those
   * changes, not at every caret move, so the people list and the file tree do not render while anyone types.
   */
  people: Peer[];
}

export const usePresenceStore = create<PresenceStore>(() => ({ peers: [], people: [] }));

const listedAs = (peer: Peer) => [peer.clientId, peer.isLocal, peer.user.id, peer.user.name, peer.user.color, peer.user.kind, peer.file].join('\u0000');

/** Takes the latest peers; `people` changes only when what the lists show of them does. */
export function setPeers(peers: Peer[]): void {
  const { people } = usePresenceStore.getState();
  const same = people.length === peers.length && people.every((peer, i) => listedAs(peer) === listedAs(peers[i]!));
  usePresenceStore.setState({ peers, people: same ? people : peers });
}

/** Stable order for lists: this person first, then by name, with client id breaking ties. */
export function sortPeers(peers: Peer[]): Peer[] {
  return [...peers].sort(
    (a, b) => Number(b.isLocal) - Number(a.isLocal) || a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId,
  );
}
