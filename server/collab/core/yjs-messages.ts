import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';

/** The y-websocket wire format: one leading varuint says what follows. */
export const MESSAGE = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
} as const;

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/**
 * `head` (each a varuint below 128, one byte) and then `payload` with its length in front, as
 * writeVarUint8Array writes it: the bytes an encoder would make, in one allocation of the exact size.
 * Taken from Node's shared buffer pool: a relay makes several per keystroke, and a typed array of its own
 * past 64 bytes is a separate allocation outside the heap that each collection must also sweep.
 */
export function wrapMessage(head: number | readonly number[], payload: Uint8Array): Uint8Array {
  const heads = typeof head === 'number' ? [head] : head;
  let lengthBytes = 1;
  for (let rest = payload.byteLength >>> 7; rest > 0; rest >>>= 7) lengthBytes++;
  const message = Buffer.allocUnsafe(heads.length + lengthBytes + payload.byteLength);
  let at = 0;
  for (const byte of heads) message[at++] = byte;
  let length = payload.byteLength;
  while (length > 0x7f) {
    message[at++] = 0x80 | (length & 0x7f);
    length >>>= 7;
  }
  message[at++] = length;
  message.set(payload, at);
  return message;
}

const UPDATE_HEAD = [MESSAGE.SYNC, syncProtocol.messageYjsUpdate] as const;

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return wrapMessage(UPDATE_HEAD, update);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return wrapMessage(MESSAGE.AWARENESS, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}
