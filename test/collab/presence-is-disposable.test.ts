import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { HookChain } from '../../server/collab/core/hooks';
import { Room } from '../../server/collab/core/room';
import { Session } from '../../server/collab/core/session';
import type { Transport } from '../../server/collab/core/transport';
import { encodeUpdate, MESSAGE } from '../../server/collab/core/yjs-messages';
import { encodeAwarenessStates } from '../helpers/raw-yjs-socket';
import { personState } from '../helpers/yjs-client';

const BOUNDS = {
  maxParkedUpdateBytes: 1024 * 1024,
  maxParkedUpdateMs: 5000,
  maxAwarenessStateBytes: 4096,
  maxAwarenessUpdatesPerSecond: 5,
  maxPresenceBacklogBytes: 1000,
};

/** A socket held in memory: what the session sent, and how much it pretends the peer has not read. */
function memoryTransport() {
  const sent: Uint8Array[] = [];
  const transport = { backlog: 0, sent, isOpen: () => true, send: (data: Uint8Array) => void sent.push(data), backlogBytes: () => transport.backlog, close: () => undefined };
  return transport satisfies Transport & { backlog: number };
}

const kindOf = (message: Uint8Array) => decoding.readVarUint(decoding.createDecoder(message));

function awarenessFrame(clientId: number, clock: number, name: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.AWARENESS);
  encoding.writeVarUint8Array(encoder, encodeAwarenessStates([{ clientId, clock, state: personState('someone', name) }]));
  return encoding.toUint8Array(encoder);
}

describe('presence is disposable, document updates are not', () => {
  const drops: string[] = [];
  let room: Room;
  const join = () => {
    const transport = memoryTransport();
    const counters = { droppedReadOnlyUpdate: () => undefined, droppedAwareness: (reason: string) => void drops.push(reason), refused: () => undefined };
    const session = new Session(room, { permission: 'edit', generation: 0, userId: null }, transport, counters);
    session.start();
    transport.sent.length = 0;
    return { session, transport };
  };
  beforeEach(() => {
    vi.useFakeTimers();
    drops.length = 0;
    room = new Room('room', new HookChain([]), BOUNDS);
  });
  afterEach(() => {
    room.destroy();
    vi.useRealTimers();
  });

  it('applies at most the per-second cap of a burst at once, and the latest state a second later', () => {
    const sender = join();
    const reader = join();
    for (let clock = 1; clock <= 20; clock++) sender.session.receive(awarenessFrame(7, clock, `n${clock}`));
    expect(reader.transport.sent.filter((m) => kindOf(m) === MESSAGE.AWARENESS)).toHaveLength(BOUNDS.maxAwarenessUpdatesPerSecond);
    expect((room.awareness.getStates().get(7) as { user: { name: string } }).user.name).toBe('n5');
    vi.advanceTimersByTime(1000);
    expect((room.awareness.getStates().get(7) as { user: { name: string } }).user.name).toBe('n20');
    expect(drops.filter((reason) => reason === 'RATE_LIMITED')).toHaveLength(14);
  });

  it('sends a reader that is behind no presence, but every document update', () => {
    const sender = join();
    const reader = join();
    reader.transport.backlog = 2000;
    sender.session.receive(awarenessFrame(7, 1, 'Ada'));
    const doc = new Y.Doc();
    doc.getMap('files').set('a.ts', new Y.Text('x'));
    sender.session.receive(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    expect(reader.transport.sent.map(kindOf)).toEqual([MESSAGE.SYNC]);
    expect(drops).toEqual(['BACKLOG']);
  });
});
