/**
 * Router relay: what one stream carries on the path the app really uses, and how fast a cancel reaches the
 * model. The model is the simulator (server/ai/sim) running in this process, so its send and close times
 * share our clock.
 *   - throughput: a `chat:ask` on Spark's socket; the simulator writes a long scripted reply all at once,
 *     Spark streams it into the room chat in the shared document, and a Yjs client (a browser's view)
 *     watches the answer grow; tokens / (done - first character).
 *   - per-token delay: at the fast tier's 1,500 tokens/s, the simulator's write of a token until the
 *     Yjs client holds the text that completes it.
 *   - cancel: a completion is cancelled right after the simulator sent its first token; until the
 *     simulator sees its response closed.
 */
import * as Y from 'yjs';
import { io, type Socket } from 'socket.io-client';
import { chatOf, MAX_ANSWER_CHARS } from '../../lib/shared/document/chat-log';
import { AI_EVENT, AI_NAMESPACE, AI_PROTOCOL_VERSION, type ClientMessageInput, type ServerMessage } from '../../lib/shared/protocol/ai';
import { startModelSimulator, type ModelSimulator, type SimRequestRecord } from '../../tools/sim/sim-server';
import { simTokens } from '../../tools/sim/sim-content';
import { makeDataDir } from '../../test/helpers/server-process';
import { createRoomInDataDir } from '../../test/helpers/sessions';
import { connectClient, synced, type YjsClient } from '../../test/helpers/yjs-client';
import type { Part } from '../lib/part';
import { startOurs } from '../lib/servers';
import { atMost, measured, notAvailable, pending, round, summarize, type Figure } from '../lib/stats';

const THROUGHPUT_GOAL = 20_000;
const CANCEL_GOAL_P95_MS = 10;
const FAST_TIER_TPS = 1500;

/** A reply of `count` word tokens, as the simulator splits them. */
const reply = (count: number) => Array.from({ length: count }, (_, i) => ` w${i % 1000}`).join('');

function connectAi(url: string, room: string, token: string): Promise<Socket | string> {
  const socket = io(`${url}${AI_NAMESPACE}`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    auth: { room, token, protocolVersion: AI_PROTOCOL_VERSION },
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => (socket.close(), resolve('no hello on the /ai namespace within 5 s')), 5_000);
    socket.once('connect_error', (error) => (clearTimeout(timer), socket.close(), resolve(`/ai namespace refused: ${error.message}`)));
    socket.on(AI_EVENT, (message: ServerMessage) => message.type === 'hello' && (clearTimeout(timer), resolve(socket)));
  });
}

/** Sends one message and hands every answer with its id to `onMessage` until it returns true. */
function exchange(socket: Socket, message: ClientMessageInput & { id: string }, onMessage: (m: ServerMessage, at: number) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (socket.off(AI_EVENT, listener), reject(new Error(`no end to ${message.type} ${message.id}`))), 60_000);
    const listener = (m: ServerMessage) => {
      const at = performance.now();
      if (!('id' in m) || m.id !== message.id) return;
      if (m.type.endsWith(':error')) return void (clearTimeout(timer), socket.off(AI_EVENT, listener), reject(new Error(JSON.stringify(m))));
      if (onMessage(m, at)) (clearTimeout(timer), socket.off(AI_EVENT, listener), resolve());
    };
    socket.on(AI_EVENT, listener);
    socket.emit(AI_EVENT, message);
  });
}

/**
 * Asks in the room chat and reports, on the watching Yjs client, each growth of the answer's text (with
 * its length) until the answer is marked done; the answer's text as the client holds it at the end.
 */
function askInChat(socket: Socket, watcher: YjsClient, id: string, onGrowth: (length: number, at: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error(`no answer to ${id} within 60 s`))), 60_000);
    const answerOf = () => chatOf(watcher.doc).toArray().find((entry) => entry.get('id') === `${id}:answer`);
    let seen = 0;
    const onUpdate = () => {
      const at = performance.now();
      const answer = answerOf();
      const text = answer?.get('text');
      if (!(text instanceof Y.Text)) return;
      if (text.length > seen) onGrowth((seen = text.length), at);
      const status = answer!.get('status');
      if (status === 'error') return void (stop(), reject(new Error(String(answer!.get('note')))));
      if (status === 'done') (stop(), resolve(text.toString()));
    };
    const onRefusal = (m: ServerMessage) => m.type === 'chat:error' && m.id === id && (stop(), reject(new Error(JSON.stringify(m))));
    const stop = () => (clearTimeout(timer), watcher.doc.off('update', onUpdate), socket.off(AI_EVENT, onRefusal));
    watcher.doc.on('update', onUpdate);
    socket.on(AI_EVENT, onRefusal);
    socket.emit(AI_EVENT, { type: 'chat:ask', id, question: `relay ${id}`, context: null, pin: 'fast' } satisfies ClientMessageInput);
  });
}

async function throughput(socket: Socket, watcher: YjsClient, sim: ModelSimulator, tokens: number, streams: number): Promise<number[]> {
  const text = reply(tokens);
  const count = simTokens(text).length;
  sim.setBehaviour({ ttftMs: 0, tokensPerSecond: 0, response: text });
  const rates: number[] = [];
  for (let i = 0; i < streams; i++) {
    let first = 0;
    let last = 0;
    const received = await askInChat(socket, watcher, `tp${i}`, (_length, at) => {
      first ||= at;
      last = at;
    });
    rates.push(count / ((last - first) / 1000));
    // A fast relay that drops text would be no relay at all.
    if (received !== text) throw new Error(`relay lost text: ${received.length} of ${text.length} chars arrived`);
  }
  return rates;
}

async function perTokenDelay(socket: Socket, watcher: YjsClient, sim: ModelSimulator, tokens: number): Promise<number[]> {
  const text = reply(tokens);
  sim.setBehaviour({ ttftMs: 0, tokensPerSecond: FAST_TIER_TPS, response: text });
  // Character offset where each token ends, and when the simulator wrote it.
  const sent: Array<{ end: number; at: number }> = [];
  let offset = 0;
  const onToken = (_record: SimRequestRecord, token: string) => sent.push({ end: (offset += token.length), at: performance.now() });
  sim.events.on('token', onToken);
  const delays: number[] = [];
  let next = 0;
  try {
    await askInChat(socket, watcher, 'delay', (length, at) => {
      for (; next < sent.length && sent[next]!.end <= length; next++) delays.push(at - sent[next]!.at);
    });
  } finally {
    sim.events.off('token', onToken);
  }
  return delays;
}

/**
 * Completions, not chat: they are what gets cancelled on every keystroke, and their flights may outlive a
 * reader (typed-through), so this is where a cancel could fail to reach the model. The simulator's own
 * reply (the editable region with the completion in it) at 20 tokens/s keeps the stream open for about a
 * second; a scripted reply would not parse as a region and end the completion by itself.
 */
async function cancelToClose(socket: Socket, sim: ModelSimulator, samples: number): Promise<{ delays: number[]; uncancelled: number }> {
  sim.setBehaviour({ ttftMs: 0, tokensPerSecond: 20, response: undefined });
  const delays: number[] = [];
  let uncancelled = 0;
  for (let i = 0; i < samples; i++) {
    const firstToken = new Promise<SimRequestRecord>((resolve) => {
      const on = (record: SimRequestRecord) => (sim.events.off('token', on), resolve(record));
      sim.events.on('token', on);
    });
    const id = `c${i}`;
    let end = '';
    // A new prefix every time: a cache hit would never reach the model.
    const message = { type: 'complete', id, file: 'main.ts', language: 'typescript', prefix: `const v${i}_${Date.now()} = `, suffix: '\n', pin: 'fast' } as const;
    const ended = exchange(socket, message, (m) => ((end = m.type), m.type === 'complete:cancelled' || m.type === 'complete:done'));
    const record = await firstToken;
    const cancelledAt = performance.now();
    socket.emit(AI_EVENT, { type: 'cancel', id } satisfies ClientMessageInput);
    const closed = await sim.waitForClose(record.id);
    await ended;
    // Only a stream that was still running and ended by our cancel is a sample.
    if (end !== 'complete:cancelled' || !closed.closedByClient) uncancelled++;
    else delays.push(closed.closedAt! - cancelledAt);
  }
  return { delays, uncancelled };
}

export const relayPart: Part = {
  name: 'relay',
  summary: 'tokens/s of one chat answer from the model to a browser through router, Spark and the document, per-token delay, cancel to upstream close',
  async run(context) {
    const quick = context.options.quick;
    const sim = await startModelSimulator();
    const dataDir = makeDataDir();
    const room = await createRoomInDataDir(dataDir);
    const tier = { URL: sim.url, MODEL: 'sim', FORMAT: 'chat', STALL_TIMEOUT_MS: '60000' };
    const env: Record<string, string> = {
      SPARKPAD_AI_MAX_EDIT_TOKENS: '32768',
      SPARKPAD_AI_USER_REQUESTS_PER_SECOND: '1000000',
      SPARKPAD_AI_USER_REQUESTS_PER_MINUTE: '1000000',
      SPARKPAD_AI_ROOM_REQUESTS_PER_MINUTE: '1000000',
      // A prefetch would open a second upstream request and muddle which one a cancel closed.
      SPARKPAD_AI_PREFETCH: 'false',
    };
    for (const [key, value] of Object.entries(tier)) env[`SPARKPAD_FAST_${key}`] = env[`SPARKPAD_DEEP_${key}`] = value;
    const server = await startOurs({ dataDir, env });
    const names = ['chat answer throughput, model to browser', `per-token delay at ${FAST_TIER_TPS} tok/s`, 'cancel to upstream close'];
    try {
      // A completion needs the file to exist in the room, as it would in a session.
      const editor = connectClient(server.process.wsUrl, room.room, room.editToken);
      await synced(editor);
      editor.text('main.ts').insert(0, 'export const answer = 42;\n');
      const socket = await connectAi(server.process.url, room.room, room.editToken);
      if (typeof socket === 'string') return names.map((name) => pending('relay', name, socket));
      // 2,800 tokens (about 14,000 characters): the longest reply the chat keeps uncut.
      const rateList = await throughput(socket, editor, sim, Math.min(2_800, Math.floor(MAX_ANSWER_CHARS / 5)), quick ? 3 : 10);
      const rates = summarize(rateList);
      context.log(`throughput p50 ${Math.round(rates.p50)} tokens/s`);
      const delays = summarize(await perTokenDelay(socket, editor, sim, quick ? 500 : 1500));
      const cancelled = await cancelToClose(socket, sim, quick ? 20 : 100);
      const cancels = summarize(cancelled.delays);
      socket.close();
      editor.destroy();
      return [
        measured('relay', names[0]!, 'tokens/s', rates, {
          goal: { text: `p50 >= ${THROUGHPUT_GOAL.toLocaleString('en-US')}`, met: rates.p50 >= THROUGHPUT_GOAL },
          // Higher is better here, so the tail that matters is the slowest stream, not p95.
          note: `one sample per stream; slowest stream ${round(Math.min(...rateList), 0)} tokens/s; at p50 the relay costs ${round(1e6 / rates.p50, 1)} µs per token`,
        }),
        measured('relay', names[1]!, 'ms', delays),
        cancels.samples === 0
          ? notAvailable('relay', names[2]!, `no completion was still streaming when cancelled (${cancelled.uncancelled} ended by themselves)`)
          : measured('relay', names[2]!, 'ms', cancels, {
              goal: atMost(cancels, 'p95', CANCEL_GOAL_P95_MS, 'ms'),
              ...(cancelled.uncancelled ? { note: `${cancelled.uncancelled} completions ended before the cancel and are not samples` } : {}),
            }),
      ] satisfies Figure[];
    } finally {
      await server.stop();
      await sim.close();
    }
  },
};
