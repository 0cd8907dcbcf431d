import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { readChat, type ChatMessage } from '../../lib/shared/document/chat-log';
import { readProposals } from '../../lib/shared/document/proposals';
import { AI_EVENT, AI_NAMESPACE, AI_PROTOCOL_VERSION, type ClientMessageInput, type ServerMessage } from '../../lib/shared/protocol/ai';
import { AiRouter } from '../../server/ai/routing/router';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { attachAiSocketHandlers } from '../../server/ai/socket-handlers';
import { LiveGrants } from '../../server/auth/live-grants';
import { SparkChat } from '../../server/ai/spark/spark-chat';
import type { SparkRoom } from '../../server/ai/spark/spark-room';
import { OpenAiTier } from '../../server/ai/tiers/openai-tier';
import { chunks, routerSettings, ScriptedTier } from './helpers';

/** The room's shared chat, with the model simulator as the deep and fast tiers. */
let sim: ModelSimulator;
const tiers: OpenAiTier[] = [];
const FILE = 'export function add(a, b) {\n  return a + b;\n}\n\nconsole.log(add(1, 2));\n';

function makeRoom(id = 'room-1'): SparkRoom {
  const doc = new Y.Doc();
  doc.getMap<Y.Text>('files').set('main.ts', new Y.Text(FILE));
  return { id, doc, awareness: new Awareness(doc) };
}

function router(deepModel = 'sim'): AiRouter {
  const tier = (name: 'fast' | 'deep', model: string) => {
    const t = new OpenAiTier({ name, url: sim.url, model, format: 'chat', stallTimeoutMs: 5000 });
    tiers.push(t);
    return t;
  };
  const embedded = new ScriptedTier('embedded', chunks('embedded()'));
  return new AiRouter({ tiers: { fast: tier('fast', 'sim'), deep: tier('deep', deepModel), embedded }, settings: routerSettings() });
}

/** Resolves with the conversation once the answer to `id` has stopped streaming. */
function settled(room: SparkRoom, id: string): Promise<ChatMessage[]> {
  return new Promise((resolve) => {
    const check = () => {
      const chat = readChat(room.doc);
      if (chat.find((m) => m.replyTo === id && m.status !== 'streaming')) {
        room.doc.off('update', check);
        resolve(chat);
      }
    };
    room.doc.on('update', check);
    check();
  });
}

const ask = (id: string, question: string, context: { from: number; to: number } | null = null) => ({
  id,
  requester: 'room-1/ada',
  asker: { name: 'Ada', color: '#3b82f6' },
  question,
  context: context && { file: 'main.ts', language: 'typescript', ...context },
  pin: 'auto' as const,
});

beforeAll(async () => {
  sim = await startModelSimulator();
});
afterEach(() => sim.setBehaviour({ response: undefined, tokensPerSecond: 0, ttftMs: 0 }));
afterAll(async () => {
  for (const t of tiers) t.close();
  await sim.close();
});

describe('the room chat (Spark side)', () => {
  it('writes the question and streams the answer from the deep tier into the shared document', async () => {
    const room = makeRoom();
    const chat = new SparkChat(room, router());
    sim.setBehaviour({ response: 'Use a **reduce** here.', tokensPerSecond: 50 });
    const seen: string[] = [];
    room.doc.on('update', () => {
      const answer = readChat(room.doc).find((m) => m.role === 'spark');
      if (answer && answer.status === 'streaming' && answer.text && seen.at(-1) !== answer.text) seen.push(answer.text);
    });
    chat.ask(ask('q1', 'How do I sum a list?'));
    const [question, answer] = await settled(room, 'q1');
    expect(question).toMatchObject({ id: 'q1', role: 'person', name: 'Ada', text: 'How do I sum a list?' });
    expect(answer).toMatchObject({ role: 'spark', name: 'Spark', replyTo: 'q1', status: 'done', text: 'Use a **reduce** here.', note: null });
    expect(answer!.tier).toContain('deep tier');
    // It arrived in pieces, each one visible in the document before the answer was done.
    expect(seen.length).toBeGreaterThan(2);
  });

  it('sends the open file, the selection and the conversation so far as context', async () => {
    const room = makeRoom();
    const chat = new SparkChat(room, router());
    sim.setBehaviour({ response: 'First answer.' });
    chat.ask(ask('q1', 'What does this file do?'));
    await settled(room, 'q1');
    const from = FILE.indexOf('  return');
    chat.ask(ask('q2', 'Can this overflow?', { from, to: FILE.indexOf('}') }));
    const conversation = await settled(room, 'q2');
    expect(conversation.find((m) => m.id === 'q2')?.context).toEqual({ file: 'main.ts', fromLine: 2, toLine: 2, selected: true });
    const body = sim.requests.at(-1)!.body as { messages: Array<{ role: string; content: string }> };
    const last = body.messages.at(-1)!.content;
    expect(last).toContain('Open file: main.ts');
    expect(last).toContain('Selected (lines 2-2)');
    expect(last).toContain('  return a + b;');
    expect(last).toContain('Ada asks: Can this overflow?');
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(body.messages[2]!.content).toBe('First answer.');
  });

  it('falls back to the fast tier when the deep tier fails, and says so under the answer', async () => {
    const room = makeRoom();
    const chat = new SparkChat(room, router('sim:fault=500'));
    sim.setBehaviour({ response: 'Fast answer.' });
    chat.ask(ask('q1', 'Hello?'));
    const answer = (await settled(room, 'q1')).find((m) => m.replyTo === 'q1')!;
    expect(answer).toMatchObject({ status: 'done', text: 'Fast answer.' });
    expect(answer.tier).toContain('fast tier');
    expect(answer.note).toMatch(/deep.*Using the fast tier instead/s);
  });

  it("stops an answer mid-stream at its asker's word and keeps what was written", async () => {
    const room = makeRoom();
    const chat = new SparkChat(room, router());
    sim.setBehaviour({ response: 'one two three four five six seven eight nine ten', tokensPerSecond: 10 });
    chat.ask(ask('q1', 'Count slowly'));
    await new Promise<void>((resolve) => {
      const check = () => readChat(room.doc).find((m) => m.replyTo === 'q1')?.text && resolve();
      room.doc.on('update', check);
    });
    expect(chat.stop('q1', 'room-1/bo')).toBe(false);
    expect(chat.stop('q1', 'room-1/ada')).toBe(true);
    const answer = (await settled(room, 'q1')).find((m) => m.replyTo === 'q1')!;
    expect(answer.status).toBe('stopped');
    expect(answer.text.length).toBeGreaterThan(0);
    expect(answer.text.length).toBeLessThan('one two three four five six seven eight nine ten'.length);
  });
});

describe('the room chat over the socket', () => {
  let httpServer: http.Server;
  let io: Server;
  let url: string;
  let handlers: ReturnType<typeof attachAiSocketHandlers>;
  const room = makeRoom('room-s');
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    httpServer = http.createServer();
    io = new Server(httpServer, { path: '/socket.io' });
    handlers = attachAiSocketHandlers(io, {
      router: router(),
      // Each test person presents the identity the server would have signed for them.
      authenticate: async ({ token, identity }) => ({ ok: true, permission: token === 'edit-token' ? 'edit' : 'view', generation: 0, userId: identity }),
      grants: new LiveGrants(),
      rooms: { hold: async () => room, release: () => undefined },
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}${AI_NAMESPACE}`;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await handlers.close();
    io.close();
  });

  async function connect(token: string, userId: string) {
    const socket = connectClient(url, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      auth: { room: 'room-s', token, protocolVersion: AI_PROTOCOL_VERSION, identity: userId },
    });
    sockets.push(socket);
    const inbox: ServerMessage[] = [];
    socket.on(AI_EVENT, (m: ServerMessage) => inbox.push(m));
    await new Promise<void>((resolve) => socket.on(AI_EVENT, (m: ServerMessage) => m.type === 'hello' && resolve()));
    return { inbox, send: (message: ClientMessageInput) => socket.emit(AI_EVENT, message) };
  }

  const until = async <T>(read: () => T | undefined | null | false): Promise<T> => {
    for (let i = 0; i < 500; i++) {
      const value = read();
      if (value) return value;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('timed out');
  };

  it("names the asker as the room sees them and refuses a view-only link's question", async () => {
    // Ada's browser publishes her name in awareness; the room receives it as it would over the wire.
    const browser = new Awareness(new Y.Doc());
    browser.setLocalState({ user: { id: 'ada-id', name: 'Ada', color: '#22c55e', kind: 'human' }, file: 'main.ts', selection: null });
    applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(browser, [browser.clientID]), 'browser');
    const ada = await connect('edit-token', 'ada-id');
    sim.setBehaviour({ response: 'Sure.' });
    ada.send({ type: 'chat:ask', id: 'sq1', question: 'Hi Spark', context: null });
    const question = await until(() => readChat(room.doc).find((m) => m.id === 'sq1'));
    expect(question).toMatchObject({ name: 'Ada', color: '#22c55e' });

    const viewer = await connect('view-token', 'vic-id');
    viewer.send({ type: 'chat:ask', id: 'sq2', question: 'Let me in', context: null });
    const refusal = await until(() => viewer.inbox.find((m) => m.type === 'chat:error'));
    expect(refusal).toMatchObject({ id: 'sq2', error: { code: 'READ_ONLY' } });
    expect(readChat(room.doc).some((m) => m.id === 'sq2')).toBe(false);
  });

  it('applies a code block as a proposal: the room sees it first, and the file changes only once it is accepted', async () => {
    const ada = await connect('edit-token', 'ada-id');
    const text = room.doc.getMap<Y.Text>('files').get('main.ts')!;
    const before = text.toString();
    const from = before.indexOf('  return');
    const to = before.indexOf('}');
    const replacement = '  const sum = a + b;\n  return sum;\n';
    ada.send({ type: 'edit', id: 'propose-1', file: 'main.ts', instruction: 'Apply code from the chat', selection: { from, to }, replacement, propose: true });
    await until(() => ada.inbox.find((m) => m.type === 'edit:done' && m.id === 'propose-1'));
    const proposal = readProposals(room.doc).find((p) => p.id === 'propose-1')!;
    expect(proposal).toMatchObject({ askerId: 'ada-id', askerName: 'Ada', status: 'ready' });
    expect(proposal.hunks.map((h) => h.added).join('')).toContain('const sum = a + b;');
    expect(text.toString()).toBe(before);
    ada.send({ type: 'proposal:accept', id: 'accept-1', proposal: 'propose-1', hunk: null });
    await until(() => ada.inbox.find((m) => m.type === 'proposal:done' && m.id === 'accept-1'));
    expect(text.toString()).toBe(before.slice(0, from) + replacement + before.slice(to));
    ada.send({ type: 'edit:undo' });
    await until(() => ada.inbox.find((m) => m.type === 'edit:undone'));
    expect(text.toString()).toBe(before);
  });

  it('applies a code block as an edit: Spark types it over the selection, undoable as one step', async () => {
    const ada = await connect('edit-token', 'ada-id');
    const text = room.doc.getMap<Y.Text>('files').get('main.ts')!;
    const before = text.toString();
    const from = before.indexOf('  return');
    const to = before.indexOf('}');
    const replacement = '  const sum = a + b;\n  return sum;\n';
    ada.send({ type: 'edit', id: 'apply-1', file: 'main.ts', instruction: 'Apply code from the chat', selection: { from, to }, replacement });
    const done = await until(() => ada.inbox.find((m) => m.type === 'edit:done' && m.id === 'apply-1'));
    expect(done).toMatchObject({ stopped: null, stats: { source: 'apply', chars: replacement.length } });
    // Typed in several steps, like a model's stream, not dropped in at once.
    expect(ada.inbox.filter((m) => m.type === 'edit:progress' && m.id === 'apply-1').length).toBeGreaterThan(3);
    expect(text.toString()).toBe(before.slice(0, from) + replacement + before.slice(to));
    ada.send({ type: 'edit:undo' });
    await until(() => ada.inbox.find((m) => m.type === 'edit:undone'));
    expect(text.toString()).toBe(before);
  });
});
