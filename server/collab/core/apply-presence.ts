import type { Awareness } from 'y-protocols/awareness';
import { equalityDeep } from 'lib0/function';

const isPlainObject = (value: object) => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * lib0's equalityDeep verdict for a state parsed from JSON against whatever the awareness held, without
 * the key list equalityDeep makes per object: it runs for every cursor move in every room.
 */
function sameState(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameState(a[i], b[i])) return false;
    return true;
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return equalityDeep(a, b);
  let keys = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key) || !sameState((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
    keys++;
  }
  for (const key in b) if (Object.hasOwn(b, key)) keys--;
  return keys === 0;
}

/** One client's presence as the wire carries it, with its JSON already parsed (null: the client left). */
export interface PresenceEntry {
  clientId: number;
  clock: number;
  json: string;
  state: unknown;
}

/**
 * What an awareness 'update' event carries. `asSent` is set when every entry of the message changed a
 * state with the clock it came with: the message then says exactly what changed, and can be relayed as it came.
 */
export interface PresenceChange {
  added: number[];
  updated: number[];
  removed: number[];
  asSent?: Uint8Array;
}

/**
 * y-protocols' applyAwarenessUpdate for entries the server already decoded and parsed to check them: the
 * same clock rules, the same states and meta, and the same 'change' and 'update' events, without decoding
 * and parsing each state a second time. `message` is the awareness update the entries came in.
 */
export function applyPresence(awareness: Awareness, entries: readonly PresenceEntry[], message: Uint8Array, origin: unknown): void {
  const timestamp = Date.now();
  const added: number[] = [];
  const updated: number[] = [];
  const changed: number[] = [];
  const removed: number[] = [];
  let asSent = true;
  for (const { clientId, clock: sentClock, state } of entries) {
    let clock = sentClock;
    const meta = awareness.meta.get(clientId);
    const previous = awareness.states.get(clientId);
    const currentClock = meta === undefined ? 0 : meta.clock;
    if (!(currentClock < clock || (currentClock === clock && state === null && awareness.states.has(clientId)))) {
      asSent = false;
      continue;
    }
    if (state === null) {
      // Nobody removes the server's own local state: it answers with a newer clock instead.
      if (clientId === awareness.clientID && awareness.getLocalState() != null) {
        clock++;
        asSent = false;
      } else awareness.states.delete(clientId);
    } else awareness.states.set(clientId, state as Record<string, unknown>);
    awareness.meta.set(clientId, { clock, lastUpdated: timestamp });
    if (meta === undefined && state !== null) added.push(clientId);
    else if (meta !== undefined && state === null) removed.push(clientId);
    else if (state !== null) {
      if (!sameState(state, previous)) changed.push(clientId);
      updated.push(clientId);
    }
  }
  if (added.length > 0 || changed.length > 0 || removed.length > 0) {
    awareness.emit('change', [{ added, updated: changed, removed }, origin]);
  }
  if (added.length > 0 || updated.length > 0 || removed.length > 0) {
    const change: PresenceChange = { added, updated, removed };
    if (asSent && added.length + updated.length + removed.length === entries.length) change.asSent = message;
    awareness.emit('update', [change, origin]);
  }
}
