import { describe, expect, it } from 'vitest';
import { setPeers, usePresenceStore } from '../../lib/browser/presence/presence-store';
import type { Peer } from '../../lib/shared/protocol/awareness';

const caret = (clock: number) => ({ anchor: { item: { client: 7, clock }, assoc: 0 }, head: { item: { client: 7, clock }, assoc: 0 } });
const bob = (changes: Partial<Peer> = {}): Peer => ({
  clientId: 7,
  isLocal: false,
  user: { id: 'bob', name: 'Bob', color: '#3b82f6', kind: 'human' },
  file: 'main.ts',
  selection: caret(1),
  ...changes,
});

describe('the presence store', () => {
  it('keeps the listed people as they were while only a caret moves, and changes them when a file or name does', () => {
    setPeers([bob()]);
    const listed = usePresenceStore.getState().people;
    setPeers([bob({ selection: caret(2) })]);
    expect(usePresenceStore.getState().people).toBe(listed);
    expect(usePresenceStore.getState().peers[0]!.selection).toEqual(caret(2));

    setPeers([bob({ file: 'util.ts' })]);
    expect(usePresenceStore.getState().people[0]!.file).toBe('util.ts');
    setPeers([bob({ file: 'util.ts', user: { id: 'bob', name: 'Bobby', color: '#3b82f6', kind: 'human' } })]);
    expect(usePresenceStore.getState().people[0]!.user.name).toBe('Bobby');
    setPeers([]);
    expect(usePresenceStore.getState().people).toEqual([]);
  });
});
