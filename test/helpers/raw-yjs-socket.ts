import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';

/**
 * A bare /yjs socket that sends exactly the frames a test hands it, in the order given: what an attacker
 * writes by hand, where a stock y-websocket client would always send updates in causal order.
 */
export interface RawYjsSocket {
  /** A sync-protocol update frame carrying `update`. */
  sendUpdate(update: Uint8Array): void;
  /** A sync step 2 frame carrying `update`: the answer to the server's state request, as a reconnecting client sends what it holds. */
  sendSyncAnswer(update: Uint8Array): void;
  /** An awareness frame carrying an encoded awareness update. */
  sendAwareness(update: Uint8Array): void;
  /** Resolves with the close the server sent. */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** An awareness update as y-protocols encodes it, with whatever client ids, clocks and states the test picks. */
export function encodeAwarenessStates(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

export async function openRawYjsSocket(wsUrl: string, room: string, token: string, identity?: string): Promise<RawYjsSocket> {
  const params = new URLSearchParams({ token });
  if (identity) params.set('identity', identity);
  const socket = new WebSocket(`${wsUrl}/yjs/${room}?${params}`);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const frame = (type: number, write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, type);
    write(encoder);
    socket.send(encoding.toUint8Array(encoder));
  };
  return {
    sendUpdate: (update) => frame(0, (encoder) => syncProtocol.writeUpdate(encoder, update)),
    sendSyncAnswer: (update) =>
      frame(0, (encoder) => {
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(encoder, update);
      }),
    sendAwareness: (update) => frame(1, (encoder) => encoding.writeVarUint8Array(encoder, update)),
    closed,
    close: () => socket.close(),
  };
}
