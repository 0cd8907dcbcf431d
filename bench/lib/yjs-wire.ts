/**
 * y-websocket messages written and read by hand, for a load generator that must cost far less than the
 * server it loads: no Y.Doc, no apply per received message. What it sends are the exact bytes a Yjs
 * client sends for the same edits (test/bench/yjs-wire.test.ts checks them against Yjs itself):
 * one client creates the file `main.ts` as a Y.Text under the root map `files`, and every client types
 * one character at a time, each after its own previous one (the first at the start of the text).
 */
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1 as SYNC_STEP_1, messageYjsSyncStep2 as SYNC_STEP_2, messageYjsUpdate as SYNC_UPDATE } from 'y-protocols/sync';
import { MESSAGE } from '../../server/collab/core/yjs-messages';

const { SYNC, AWARENESS } = MESSAGE;

/** Item info bits (Yjs Item.write): content ref in the low 5 bits, then parentSub, rightOrigin, origin. */
const CONTENT_STRING = 4;
const CONTENT_TYPE = 7;
const HAS_PARENT_SUB = 0x20;
const HAS_ORIGIN = 0x80;
const Y_TEXT_REF = 2;

export const FILES_KEY = 'files';
export const FILE_NAME = 'main.ts';

export interface ItemId {
  client: number;
  clock: number;
}

function syncMessage(kind: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** An update of one item by `client` at `clock`; `body` writes the item after its info byte. */
function oneItemUpdate(client: number, clock: number, body: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // clients with structs
  encoding.writeVarUint(encoder, 1); // structs of this client
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  body(encoder);
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

/** SyncStep1 of an empty document: "send me everything". */
export const EMPTY_SYNC_STEP_1 = syncMessage(SYNC_STEP_1, Uint8Array.of(0));
/** SyncStep2 of an empty document: the answer to the server's SyncStep1. */
export const EMPTY_SYNC_STEP_2 = syncMessage(SYNC_STEP_2, Uint8Array.of(0, 0));

/** The update that creates `files['main.ts']` as a new Y.Text; the text's id is (client, 0). */
export function createFileUpdate(client: number): Uint8Array {
  return oneItemUpdate(client, 0, (encoder) => {
    encoding.writeUint8(encoder, CONTENT_TYPE | HAS_PARENT_SUB);
    encoding.writeVarUint(encoder, 1); // parent is a root type, named
    encoding.writeVarString(encoder, FILES_KEY);
    encoding.writeVarString(encoder, FILE_NAME);
    encoding.writeVarUint(encoder, Y_TEXT_REF);
  });
}

/**
 * One typed character by `client` at `clock`: after the client's own item at `clock - 1` when `afterOwn`,
 * else at the start of the text whose item is `text`.
 */
export function typeCharUpdate(client: number, clock: number, char: string, text: ItemId, afterOwn: boolean): Uint8Array {
  return oneItemUpdate(client, clock, (encoder) => {
    if (afterOwn) {
      encoding.writeUint8(encoder, CONTENT_STRING | HAS_ORIGIN);
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock - 1);
    } else {
      encoding.writeUint8(encoder, CONTENT_STRING);
      encoding.writeVarUint(encoder, 0); // parent given by id
      encoding.writeVarUint(encoder, text.client);
      encoding.writeVarUint(encoder, text.clock);
    }
    encoding.writeVarString(encoder, char);
  });
}

/** A document update as y-websocket sends it. */
export const updateMessage = (update: Uint8Array) => syncMessage(SYNC_UPDATE, update);

/** An awareness message carrying one client's state at its awareness clock. */
export function awarenessMessage(client: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, client);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

export type Incoming =
  | { kind: 'sync-step-1' }
  | { kind: 'sync-step-2' }
  /**
   * A document update: `first` is its first struct's id and `structs` how many structs of that client
   * follow from it, when the update holds one client's structs; otherwise `first` is null and the update
   * itself starts at `payloadAt`.
   */
  | { kind: 'update'; structs: number; first: ItemId | null; payloadAt: number }
  | { kind: 'other' };

/** Reads a varuint at `at`; returns the value and the next offset. */
function varUint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let multiplier = 1;
  for (;;) {
    const byte = bytes[at++]!;
    value += (byte & 0x7f) * multiplier;
    if (byte < 0x80) return [value, at];
    multiplier *= 128;
  }
}

/**
 * Reads only the head of a message from the server: its kind and, for a document update, the id of the
 * first struct and how many structs follow it from the same client. Nothing else is decoded.
 */
export function readIncoming(bytes: Uint8Array): Incoming {
  if (bytes[0] !== SYNC) return { kind: 'other' };
  const kind = bytes[1];
  if (kind === SYNC_STEP_1) return { kind: 'sync-step-1' };
  if (kind === SYNC_STEP_2) return { kind: 'sync-step-2' };
  if (kind !== SYNC_UPDATE) return { kind: 'other' };
  const [, payloadAt] = varUint(bytes, 2);
  const [clients, at] = varUint(bytes, payloadAt);
  if (clients !== 1) return { kind: 'update', structs: 0, first: null, payloadAt };
  const [structs, afterStructs] = varUint(bytes, at);
  const [client, afterClient] = varUint(bytes, afterStructs);
  const [clock] = varUint(bytes, afterClient);
  return { kind: 'update', structs, first: { client, clock }, payloadAt };
}
