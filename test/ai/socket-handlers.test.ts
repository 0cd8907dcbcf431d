import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { AI_EVENT, AI_NAMESPACE, AI_PROTOCOL_VERSION, type ClientMessageInput, type ServerMessage } from '../../lib/shared/protocol/ai';
import { promptWindow } from '../../server/ai/routing/context';
import { AiRouter } from '../../server/ai/routing/router';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { attachAiSocketHandlers } from '../../server/ai/socket-handlers';
import { LiveGrants } from '../../server/auth/live-grants';
import type { SparkRoom } from '../../server/ai/spark/spark-room';
import { OpenAiTier } from '../../server/ai/tiers/openai-tier';
import { chunks, routerSettings, ScriptedTier } from './helpers';

let sim: ModelSimulator;
let httpServer: http.Server;
let io: Server;
let url: string;
let handlers: ReturnType<typeof attachAiSocketHandlers>;
const rooms = new Map<string, SparkRoom>();
const clients: ClientSocket[] = [];
let fast: OpenAiTier;

function room(id: string): SparkRoom {
  let r = rooms.get(id);
  if (!r) {
    const doc = new Y.Doc();
    doc.getMap<Y.Text>('files').set('main.ts', new Y.Text('const a = 1;\nconst b = 2;\n'));
    r = { id, doc, awareness: new Awareness(doc) };
    rooms.set(id, r);
  }
  return r;
}

beforeAll(async () => {
  sim = await startModelSimulator();
  fast = new OpenAiTier({ name: 'fast', url: sim.url, model: 'sim', format: 'fim', stallTimeoutMs: 5000 });
  const embedded = new ScriptedTier('embedded', chunks('embedded()'));
  const router = new AiRouter({ tiers: { fast, deep: fast, embedded }, settings: routerSettings() });
  httpServer = http.createServer();
  io = new Server(httpServer, { path: '/socket.io' });
  handlers = attachAiSocketHandlers(io, {
    router,
    authenticate: async ({ token }) =>
      token === 'edit-token'
        ? { ok: true, permission: 'edit', generation: 0, userId: null }
        : token === 'view-token'
          ? { ok: true, permission: 'view', generation: 0, userId: null }
          : { ok: false, reason: 'UNAUTHORIZED' },
    grants: new LiveGrants(),
    rooms: { hold: async (id) => room(id), release: () => undefined },
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}${AI_NAMESPACE}`;
});
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
  sim.setBehaviour({ fault: 'none', response: undefined, faultAfterTokens: 2 });
});
afterAll(async () => {
  await handlers.close();
  io.close();
  fast.close();
  await sim.close();
});

/** A connected client whose messages queue up for `next`. */
async function client(auth: Record<string, unknown> = {}) {
  const socket = connectClient(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    auth: { room: 'room-1', token: 'edit-token', protocolVersion: AI_PROTOCOL_VERSION, ...auth },
  });
  clients.push(socket);
  const inbox: ServerMessage[] = [];
  const waiters: Array<() => void> = [];
  socket.on(AI_EVENT, (m: ServerMessage) => {
    inbox.push(m);
    for (const w of waiters.splice(0)) w();
  });
  const next = async <T extends ServerMessage['type']>(type: T, where: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true) => {
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type && where(m as Extract<ServerMessage, { type: T }>));
      if (i !== -1) return inbox.splice(i, 1)[0] as Extract<ServerMessage, { type: T }>;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const send = (message: ClientMessageInput | Record<string, unknown>) => socket.emit(AI_EVENT, message);
  return { socket, inbox, next, send };
}

function refusalOf(auth: Record<string, unknown>): Promise<{ message: string; data?: { message: string } }> {
  const socket = connectClient(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth });
  clients.push(socket);
  return new Promise((resolve) => socket.on('connect_error', (error) => resolve(error as never)));
}

describe('AI socket channel (the socket.io adapter)', () => {
  it('refuses an old protocol version and a bad token with named reasons', async () => {
    const old = await refusalOf({ room: 'room-1', token: 'edit-token', protocolVersion: 0 });
    expect(old.message).toBe('PROTOCOL_MISMATCH');
    expect(old.data?.message).toMatch(/Reload to update/);
    expect((await refusalOf({ room: 'room-1', token: 'nope', protocolVersion: AI_PROTOCOL_VERSION })).message).toBe('UNAUTHORIZED');
  });

  it('says hello with the permission, the tiers and how much text a completion needs to carry', async () => {
    const c = await client();
    expect(await c.next('hello')).toMatchObject({
      protocolVersion: AI_PROTOCOL_VERSION,
      permission: 'edit',
      tiers: { fast: expect.stringContaining('fast tier') },
      promptWindow: promptWindow(2048),
    });
  });

  it('forwards chunks as they arrive and closes the upstream on cancel', async () => {
    sim.setBehaviour({ response: 'alpha beta gamma', fault: 'stall', faultAfterTokens: 2 });
    const c = await client();
    const before = sim.requests.length;
    c.send({ type: 'complete', id: 'c1', file: 'main.ts', language: 'typescript', prefix: 'const a = ', suffix: '\n' });
    expect((await c.next('complete:chunk')).text).toBe('alpha');
    expect((await c.next('complete:chunk')).text).toBe(' beta');
    // The model has not finished: these chunks were not held back until the end.
    expect(c.inbox.some((m) => m.type === 'complete:done')).toBe(false);
    c.send({ type: 'cancel', id: 'c1' });
    expect(await c.next('complete:cancelled')).toMatchObject({ id: 'c1', reason: 'cancelled' });
    expect((await sim.waitForClose(sim.requests[before]!.id)).closedByClient).toBe(true);
  });

  it('answers an invalid message with an error and keeps the connection working', async () => {
    const c = await client();
    c.send({ type: 'complete', id: 'bad' });
    expect(await c.next('error')).toMatchObject({ id: 'bad', error: { code: 'INVALID_MESSAGE' } });
    c.send({ type: 'no-such-type' });
    expect(await c.next('error')).toMatchObject({ error: { code: 'INVALID_MESSAGE' } });
    c.send({ type: 'complete', id: 'good', file: 'main.ts', prefix: 'let z = ', suffix: '' });
    expect(await c.next('complete:done', (m) => m.id === 'good')).toMatchObject({ stats: { tier: 'fast' } });
    expect(c.socket.connected).toBe(true);
  });

  it('shows a 401 from the fast tier as a notice naming the tier, then falls back', async () => {
    sim.setBehaviour({ fault: '401' });
    const c = await client();
    c.send({ type: 'complete', id: 'k1', file: 'main.ts', prefix: 'let q = ', suffix: '' });
    const notice = await c.next('complete:notice');
    expect(notice.error).toMatchObject({ code: 'TIER_UNAUTHORIZED', tier: 'fast' });
    expect(notice.error.message).toMatch(/fast tier .*refused the API key/);
    expect((await c.next('complete:chunk')).text).toBe('embedded()');
  });

  it('refuses edits and suggestions from a view-only link', async () => {
    const c = await client({ token: 'view-token' });
    c.send({ type: 'edit', id: 'e1', file: 'main.ts', instruction: 'rename', selection: { from: 0, to: 5 } });
    expect(await c.next('edit:error')).toMatchObject({ error: { code: 'READ_ONLY' } });
    c.send({ type: 'complete', id: 'c1', file: 'main.ts', prefix: 'const a = ', suffix: '' });
    expect(await c.next('complete:error')).toMatchObject({ id: 'c1', error: { code: 'READ_ONLY' } });
  });

  it('lets Spark edit the shared document, then undoes the whole edit as one step', async () => {
    sim.setBehaviour({ response: '```\nconst a = 100;\n```' });
    const c = await client({ room: 'room-edit' });
    const text = room('room-edit').doc.getMap<Y.Text>('files').get('main.ts')!;
    c.send({ type: 'edit', id: 'e1', file: 'main.ts', instruction: 'make it 100', selection: { from: 0, to: 12 } });
    expect(await c.next('edit:started')).toMatchObject({ id: 'e1', file: 'main.ts' });
    expect(await c.next('edit:done')).toMatchObject({ id: 'e1', stopped: null });
    expect(text.toString()).toBe('const a = 100;\nconst b = 2;\n');
    expect(room('room-edit').awareness.getLocalState()).toMatchObject({ user: { name: 'Spark', kind: 'spark' }, file: 'main.ts' });
    c.send({ type: 'edit:undo' });
    expect(await c.next('edit:undone')).toEqual({ type: 'edit:undone', ok: true });
    expect(text.toString()).toBe('const a = 1;\nconst b = 2;\n');
  });
});
