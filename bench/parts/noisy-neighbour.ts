/**
 * Noisy neighbour: one room runs the heaviest legal load (noisy-load.ts, its own process) while a second,
 * normal room is measured: propagation between its two clients (5 chars/s each way, timed in this
 * process by the Yjs item id of each keystroke) and `/api/health` round trips (every 100 ms). Both are
 * measured first alone, then with the noisy room running. Goal: each p95 rises by no more than 20 ms.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { makeDataDir } from '../../test/helpers/server-process';
import { createRoomInDataDir } from '../../test/helpers/sessions';
import type { BenchContext, Part } from '../lib/part';
import { startOurs } from '../lib/servers';
import { measured, round, single, summarize, type Figure, type Summary } from '../lib/stats';
import type { NoisyConfig, NoisyMessage } from './noisy-load';

const RISE_GOAL_MS = 20;
const DOCUMENT_LIMIT = 10 * 1024 * 1024;

interface Window {
  propagation: Summary;
  health: Summary;
}

async function measureQuietRoom(wsUrl: string, httpUrl: string, room: { room: string; editToken: string }, seconds: number): Promise<Window> {
  const clients = [0, 1].map(() => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(wsUrl, room.room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token: room.editToken },
      disableBc: true,
    });
    return { doc, provider };
  });
  await Promise.all(clients.map((c) => new Promise<void>((resolve) => (c.provider.synced ? resolve() : c.provider.once('sync', () => resolve())))));
  const files = clients[0]!.doc.getMap<Y.Text>('files');
  if (!files.has('main.ts')) files.set('main.ts', new Y.Text());
  while (!clients[1]!.doc.getMap('files').has('main.ts')) await sleep(20);

  const sentAt = new Map<string, number>();
  const propagation: number[] = [];
  for (const { doc, provider } of clients) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== provider) return;
      const now = performance.now();
      const { from, to } = Y.parseUpdateMeta(update);
      for (const [client, start] of from) {
        for (let clock = start; clock < (to.get(client) ?? start); clock++) {
          const t = sentAt.get(`${client}:${clock}`);
          if (t !== undefined) propagation.push(now - t);
        }
      }
    });
  }
  const typing = clients.map(({ doc }) =>
    setInterval(() => {
      const text = doc.getMap<Y.Text>('files').get('main.ts')!;
      sentAt.set(`${doc.clientID}:${Y.getState(doc.store, doc.clientID)}`, performance.now());
      text.insert(text.length, 'x');
    }, 200),
  );
  const health: number[] = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const started = performance.now();
    await fetch(`${httpUrl}/api/health`).then((r) => r.text());
    health.push(performance.now() - started);
    await sleep(100);
  }
  for (const timer of typing) clearInterval(timer);
  await sleep(500);
  for (const { doc, provider } of clients) {
    provider.destroy();
    doc.destroy();
  }
  return { propagation: summarize(propagation), health: summarize(health) };
}

function forkNoisy(config: NoisyConfig): { child: ChildProcess; ready: Promise<number>; last: () => NoisyMessage | null } {
  const child = fork(path.join(import.meta.dirname, 'noisy-load.ts'), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let last: NoisyMessage | null = null;
  const ready = new Promise<number>((resolve, reject) => {
    child.on('message', (message: NoisyMessage) => {
      last = message;
      if (message.type === 'ready') resolve(message.files);
    });
    child.once('exit', (code) => reject(new Error(`noisy load exited (${code})`)));
  });
  child.send(config);
  return { child, ready, last: () => last };
}

export const noisyNeighbourPart: Part = {
  name: 'noisy',
  summary: 'a normal room beside one at its heaviest legal load: propagation and /api/health p95, with and without',
  async run(context: BenchContext): Promise<Figure[]> {
    const seconds = context.options.quick ? 5 : 20;
    const dataDir = makeDataDir();
    const quiet = await createRoomInDataDir(dataDir);
    const noisy = await createRoomInDataDir(dataDir);
    const server = await startOurs({ dataDir });
    const httpUrl = server.wsUrl.replace('ws', 'http').replace(/\/yjs$/, '');
    try {
      context.log('measuring the normal room alone');
      const alone = await measureQuietRoom(server.wsUrl, httpUrl, quiet, seconds);
      const load = forkNoisy({
        url: httpUrl,
        room: noisy.room,
        editToken: noisy.editToken,
        viewToken: noisy.viewToken,
        workspaceBytes: DOCUMENT_LIMIT - 512 * 1024,
        completionsPerSecond: 20,
      });
      try {
        const files = await load.ready;
        context.log(`noisy room has ${files} files; measuring the normal room beside it`);
        const beside = await measureQuietRoom(server.wsUrl, httpUrl, quiet, seconds);
        const stats = load.last();
        const note = stats?.type === 'stats' ? `noisy room: ${stats.completions} completions, ${stats.edits} long-line Spark edits, ${stats.readerDrops} stalled readers` : '';
        const rise = (key: keyof Window) => beside[key].p95 - alone[key].p95;
        const part = 'noisy';
        return [
          measured(part, 'normal room propagation, alone', 'ms', alone.propagation),
          measured(part, 'normal room propagation, beside noisy room', 'ms', beside.propagation, { note }),
          single(part, 'propagation p95 rise', 'ms', round(rise('propagation')), {
            goal: { text: `<= ${RISE_GOAL_MS} ms`, met: rise('propagation') <= RISE_GOAL_MS },
          }),
          measured(part, '/api/health, alone', 'ms', alone.health),
          measured(part, '/api/health, beside noisy room', 'ms', beside.health),
          single(part, '/api/health p95 rise', 'ms', round(rise('health')), {
            goal: { text: `<= ${RISE_GOAL_MS} ms`, met: rise('health') <= RISE_GOAL_MS },
          }),
        ];
      } finally {
        load.child.kill();
      }
    } catch (error) {
      if (!server.alive()) throw new Error(`server exited under the noisy load:\n${server.outputTail()}`);
      throw error;
    } finally {
      await server.stop();
    }
  },
};
