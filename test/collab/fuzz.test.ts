import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { createRoomInDataDir, type TestRoom } from '../helpers/sessions';
import { fuzzMessage, prng } from '../helpers/fuzz-messages';
import { connectClient, synced, whenDoc } from '../helpers/yjs-client';

const MESSAGES = 10_000;
const SEED = 20261125;

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('hostile input on the Yjs endpoint', () => {
  let server: ServerProcess;
  let room: TestRoom;
  beforeAll(async () => {
    // Thousands of reconnects from one address: well past the per-IP handshake rate, which is not under test.
    server = await startServer({ env: { SPARKPAD_MAX_HANDSHAKES_PER_IP_PER_MINUTE: '1000000' } });
    room = await createRoomInDataDir(server.dataDir);
  });
  afterAll(() => server.stop());

  it(`survives ${MESSAGES} random and mutated messages while honest clients keep syncing`, async () => {
    const honestA = connectClient(server.wsUrl, room.room, room.editToken);
    const honestB = connectClient(server.wsUrl, room.room, room.editToken);
    await Promise.all([synced(honestA), synced(honestB)]);
    const random = prng(SEED);
    const url = `${server.wsUrl}/yjs/${room.room}?token=${room.editToken}`;
    const closeReasons = new Map<string, number>();
    let socket = await openSocket(url);
    let closed = watchClose(socket, closeReasons);
    for (let sent = 0; sent < MESSAGES; sent++) {
      socket.send(fuzzMessage(random));
      // Wait until the server has read this message (a pong comes after it on the same socket) or closed
      // the socket for it, so every message is really processed by a live connection.
      const outcome = await Promise.race([closed.then(() => 'closed' as const), pingPong(socket)]);
      if (outcome === 'closed') {
        socket = await openSocket(url);
        closed = watchClose(socket, closeReasons);
      }
      if (sent % 500 === 0) {
        honestA.text().insert(0, String(sent % 10));
        await whenDoc(honestB.doc, () => honestB.read() === honestA.read());
      }
    }
    socket.close();
    // Offending sockets were closed with a reason the client can show.
    expect(closeReasons.get('4010 MALFORMED_MESSAGE')).toBeGreaterThan(100);
    // The server is still up and the room still syncs, for old and new members.
    honestA.text().insert(0, 'after the storm');
    await whenDoc(honestB.doc, () => honestB.read().startsWith('after the storm'));
    const late = connectClient(server.wsUrl, room.room, room.viewToken);
    await synced(late);
    await whenDoc(late.doc, () => late.read() === honestA.read());
    for (const client of [honestA, honestB, late]) client.destroy();
  }, 120_000);
});

function watchClose(socket: WebSocket, reasons: Map<string, number>): Promise<void> {
  return new Promise((resolve) =>
    socket.once('close', (code, reason) => {
      const key = `${code} ${reason.toString()}`;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
      resolve();
    }),
  );
}

function pingPong(socket: WebSocket): Promise<'pong'> {
  return new Promise((resolve) => {
    socket.once('pong', () => resolve('pong'));
    if (socket.readyState === WebSocket.OPEN) socket.ping();
  });
}
