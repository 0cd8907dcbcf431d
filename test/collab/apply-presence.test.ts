import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { applyAwarenessUpdate, Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyPresence, type PresenceEntry } from '../../server/collab/core/apply-presence';

type Sent = Array<[clientId: number, clock: number, state: unknown]>;

/** The awareness's own client id (the server's, where Spark publishes itself). */
const OWN = 1000;

function message(entries: Sent): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

function parsed(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  return Array.from({ length: decoding.readVarUint(decoder) }, () => {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    return { clientId, clock, json, state: JSON.parse(json) };
  });
}

/** An awareness with its local state set, and every event it emits, as plain data. */
function watched() {
  const doc = new Y.Doc();
  doc.clientID = OWN;
  const awareness = new Awareness(doc);
  awareness.setLocalState({ me: true });
  const events: unknown[] = [];
  const relayed: Uint8Array[] = [];
  awareness.on('change', (change: object, origin: unknown) => events.push(['change', { ...change }, origin]));
  awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[]; asSent?: Uint8Array }, origin: unknown) => {
    const { asSent, ...lists } = change;
    events.push(['update', lists, origin]);
    if (asSent) relayed.push(asSent);
  });
  const seen = () => ({
    states: [...awareness.getStates()],
    clocks: [...awareness.meta].map(([id, meta]) => [id, meta.clock]),
    events,
  });
  return { awareness, relayed, seen };
}

describe('applying presence that was parsed to check it', () => {
  it('changes states, clocks and events exactly as y-protocols does', () => {
    const reference = watched();
    const ours = watched();
    const steps: Sent[] = [
      [[1, 1, { a: 1 }]],
      [[1, 2, { a: 1 }]], // the same state again: an update, no change
      [[1, 3, { a: 2 }], [2, 1, { b: [1, 2] }]],
      [[1, 2, { a: 9 }]], // stale
      [[1, 3, null]], // the same clock, leaving: removed
      [[2, 5, { b: [1, 3] }], [2, 6, { b: [1, 4] }]],
      [[3, 1, null]], // never seen, leaving: nothing to report
      [[OWN, 9, null]], // nobody removes the local state
      [[4, 1, { deep: { x: [{ y: 'z' }] } }], [4, 1, { deep: 0 }]],
      [[4, 2, { deep: { x: [{ y: 'z' }] } }]], // equal all the way down: no change
      [[4, 3, { deep: { x: [{ y: 'z' }] }, more: null }]], // a key more
      [[4, 4, { deep: { x: [{ y: 'z' }] } }]], // a key fewer
      [[4, 5, { deep: { x: [{ y: 'w' }] } }]], // a change deep inside
      [[4, 6, { deep: { x: [] } }]], // a shorter array
      [[4, 7, { deep: { x: {} } }]], // an object where an array was
    ];
    for (const step of steps) {
      const update = message(step);
      applyAwarenessUpdate(reference.awareness, update, 'sender');
      applyPresence(ours.awareness, parsed(update), update, 'sender');
    }
    expect(ours.seen()).toEqual(reference.seen());
    ours.awareness.destroy();
    reference.awareness.destroy();
  });

  it('offers a message for relaying as it came only when every entry changed a state with its own clock', () => {
    const { awareness, relayed } = watched();
    const whole = message([[1, 1, { a: 1 }], [2, 1, { b: 1 }]]);
    applyPresence(awareness, parsed(whole), whole, 'sender');
    const partly = message([[1, 2, { a: 2 }], [2, 1, { b: 2 }]]); // the second is stale
    applyPresence(awareness, parsed(partly), partly, 'sender');
    const unknownLeaving = message([[1, 3, { a: 3 }], [7, 1, null]]);
    applyPresence(awareness, parsed(unknownLeaving), unknownLeaving, 'sender');
    expect(relayed).toEqual([whole]);
    awareness.destroy();
  });
});
