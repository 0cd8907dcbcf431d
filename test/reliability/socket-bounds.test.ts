import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { REFUSAL } from '../../lib/shared/protocol/refusals';
import { startInProcess, until, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDataDir } from '../helpers/sessions';
import { connectClient, nextClose, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

/** A y-websocket SyncStep1 with an empty state vector: four bytes that ask for the whole document. */
const SYNC_STEP_1 = new Uint8Array([0, 0, 1, 0]);

function rawSocket(server: InProcessServer, room: string, token: string | null, options: WebSocket.ClientOptions = {}) {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const ws = new WebSocket(`${server.wsUrl}/yjs/${room}${query}`, options);
  ws.on('error', () => {});
  return ws;
}

const opened = (ws: WebSocket) => new Promise<void>((resolve, reject) => {
  ws.once('open', () => resolve());
  ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
});
const closed = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

async function refusals(server: InProcessServer, reason: string): Promise<number> {
  const text = await (await fetch(`${server.url}/api/metrics`)).text();
  const match = new RegExp(`sparkpad_refusals_total\\{reason="${reason}"\\} (\\d+)`).exec(text);
  return match ? Number(match[1]) : 0;
}

/** Asks /api/health once; resolves with how long it took. */
async function healthMs(server: InProcessServer): Promise<number> {
  const started = performance.now();
  const { status } = await server.health();
  expect(status).toBe(200);
  return performance.now() - started;
}

describe('sockets that misbehave', () => {
  const servers: InProcessServer[] = [];
  const clients: YjsClient[] = [];
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.close();
  });
  const start = async (env: Record<string, string>) => {
    const server = await startInProcess({ env });
    servers.push(server);
    return server;
  };

  it('drops a half-open socket (no pong) after the heartbeat timeout, freeing its room', async () => {
    const server = await start({ SPARKPAD_HEARTBEAT_TIMEOUT_MS: '1000' });
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const silent = rawSocket(server, room, editToken, { autoPong: false });
    sockets.push(silent);
    await opened(silent);
    await until('the room to load', () => server.server.rooms.isLoaded(room));
    const answered = connectClient(server.wsUrl, room, editToken);
    clients.push(answered);
    await synced(answered);

    expect((await closed(silent)).code).toBe(1006); // terminated: a half-open peer cannot read a close frame
    expect(await refusals(server, 'HEARTBEAT_TIMEOUT')).toBe(1);
    // A client that answers pings stays connected through several heartbeats.
    answered.text().insert(0, 'still here');
    const check = connectClient(server.wsUrl, room, editToken);
    clients.push(check);
    await whenDoc(check.doc, () => check.read() === 'still here');
    expect(answered.provider.wsconnected).toBe(true);
  });

  it('holds little for a reader that stops reading, drops it once its backlog passes the cap, and keeps serving', async () => {
    const server = await start({
      SPARKPAD_MAX_DOCUMENT_BYTES: '4194304',
      SPARKPAD_MAX_SOCKET_BUFFER_BYTES: '4194304',
      SPARKPAD_COMPACT_AFTER_UPDATES: '2',
    });
    const { room, editToken, viewToken } = await createRoomInDataDir(server.dataDir);
    const writer = connectClient(server.wsUrl, room, editToken);
    clients.push(writer);
    await synced(writer);
    writer.text().insert(0, 'x'.repeat(600_000));
    const rssBefore = process.memoryUsage().rss;

    const reader = rawSocket(server, room, viewToken);
    sockets.push(reader);
    await opened(reader);
    reader.pause(); // reads nothing from here on: the server's answers pile up in its buffers
    // Each asks for the whole document: 300 answers of 600 kB would be 180 MB held for one socket.
    for (let i = 0; i < 300; i++) reader.send(SYNC_STEP_1);
    expect(await healthMs(server)).toBeLessThan(2_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);

    // The room goes on editing; what is sent to the stalled reader grows until it passes the cap.
    const text = writer.text();
    for (let round = 0; round < 40 && (await refusals(server, 'SLOW_CONSUMER')) === 0; round++) {
      text.insert(0, 'y'.repeat(300_000));
      text.delete(0, 300_000);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await until('the slow reader to be dropped', async () => (await refusals(server, 'SLOW_CONSUMER')) === 1);
    expect(await healthMs(server)).toBeLessThan(2_000);
    writer.text().insert(0, 'after. ');
    const check = connectClient(server.wsUrl, room, editToken);
    clients.push(check);
    await whenDoc(check.doc, () => check.read().startsWith('after. '));
  });

  it('terminates refused sockets, so peers that never finish the close handshake cannot fill the server', async () => {
    const server = await start({ SPARKPAD_MAX_CONNECTIONS: '5' });
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    for (let i = 0; i < 12; i++) {
      const intruder = rawSocket(server, room, null);
      sockets.push(intruder);
      intruder.once('open', () => intruder.pause()); // never reads the close frame
    }
    await until('every intruder refused', async () => (await refusals(server, 'UNAUTHORIZED')) === 12);
    const member = connectClient(server.wsUrl, room, editToken);
    clients.push(member);
    await synced(member);
  });

  it('refuses connections past the per-IP limit with a named reason', async () => {
    const server = await start({ SPARKPAD_MAX_CONNECTIONS_PER_IP: '3' });
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const members = [0, 1, 2].map(() => connectClient(server.wsUrl, room, editToken));
    clients.push(...members);
    await Promise.all(members.map(synced));
    const fourth = connectClient(server.wsUrl, room, editToken);
    clients.push(fourth);
    const refusal = await nextClose(fourth);
    fourth.provider.shouldConnect = false;
    expect(refusal).toEqual({ code: REFUSAL.TOO_MANY_CONNECTIONS_FROM_IP, reason: 'TOO_MANY_CONNECTIONS_FROM_IP' });
    // A slot freed by leaving is free again.
    members[0]!.destroy();
    const fifth = connectClient(server.wsUrl, room, editToken);
    clients.push(fifth);
    await synced(fifth);
  });

  it('refuses handshakes past the per-IP rate with a named reason, and keeps answering health', async () => {
    const server = await start({ SPARKPAD_MAX_HANDSHAKES_PER_IP_PER_MINUTE: '10' });
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const admitted = Array.from({ length: 10 }, () => rawSocket(server, room, editToken));
    sockets.push(...admitted);
    await Promise.all(admitted.map(opened));
    const flood = Array.from({ length: 30 }, () => rawSocket(server, room, editToken));
    sockets.push(...flood);
    const results = await Promise.all(flood.map((ws) => closed(ws).then((c) => c.code)));
    expect(results.filter((code) => code === REFUSAL.HANDSHAKE_RATE_LIMITED)).toHaveLength(30);
    expect(await healthMs(server)).toBeLessThan(2_000);
  });
});
