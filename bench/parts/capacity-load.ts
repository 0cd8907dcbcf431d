/**
 * The capacity load generator, run as its own process (forked by capacity.ts) so its CPU does not come
 * out of the measuring process's event loop. Stock y-websocket clients over `ws`, BroadcastChannel off
 * (with it on, clients of one room in this process would sync directly and bypass the server).
 *
 * Propagation is timed inside this process only: every room's clients live here, so the sender's
 * timestamp and the receiver's are read from the same clock. A keystroke is identified by the Yjs item
 * id it creates, (clientID, clock), which every receiver can read from the update with parseUpdateMeta.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export interface LoadConfig {
  wsUrl: string;
  rooms: Array<{ name: string; token: string | null }>;
  clientsPerRoom: number;
  charsPerSecond: number;
  warmupSeconds: number;
  seconds: number;
}

/** Parent to generator: the config first, then `start` once every generator has connected. */
export type ParentMessage = { type: 'config'; config: LoadConfig } | { type: 'start' };

export type LoadMessage =
  | { type: 'connected'; connectMs: number }
  | {
      type: 'done';
      /** Raw samples, so the parent can merge generators before taking percentiles. */
      latencies: Float64Array;
      sent: number;
      expected: number;
      received: number;
      generatorCpuPercent: number;
      loopDelayP99Ms: number;
    };

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text(): Y.Text;
}

const send = (message: LoadMessage) => process.send!(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** (clientID, clock) -> performance.now() at the keystroke; entries are never reused, so no cleanup races. */
const sentAt = new Map<string, number>();
const latencies: number[] = [];
let recording = false;
let sent = 0;
let received = 0;

function connect(config: LoadConfig, room: string, token: string | null): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(config.wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token ? { token } : {},
    disableBc: true,
  });
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== provider || !recording) return;
    const now = performance.now();
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, start] of from) {
      const end = to.get(client) ?? start;
      for (let clock = start; clock < end; clock++) {
        const t = sentAt.get(`${client}:${clock}`);
        if (t === undefined) continue;
        latencies.push(now - t);
        received++;
      }
    }
  });
  return { doc, provider, text: () => doc.getMap<Y.Text>('files').get('main.ts')! };
}

function synced(client: Client): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve) => client.provider.once('sync', (ok: boolean) => ok && resolve()));
}

const BENCH_USER = { id: 'bench-typist', name: 'Typist', color: '#3fb950', kind: 'human' };

function type(client: Client): void {
  const text = client.text();
  const clock = Y.getState(client.doc.store, client.doc.clientID);
  const char = String.fromCharCode(97 + (clock % 26));
  if (recording) {
    sentAt.set(`${client.doc.clientID}:${clock}`, performance.now());
    sent++;
  }
  text.insert(text.length, char);
  // Like an editor: every keystroke moves the cursor, one awareness update per document update. The state
  // is a whole presence state, as a browser's is: the server drops states that do not fit the schema.
  client.provider.awareness.setLocalState({ user: BENCH_USER, file: 'main.ts', selection: null, cursor: { anchor: text.length, head: text.length } });
}

async function connectAll(config: LoadConfig): Promise<Client[]> {
  const connectStart = performance.now();
  const rooms: Client[][] = [];
  // Ten rooms (fifty clients) at a time: a thousand simultaneous handshakes would measure the accept
  // queue, not steady typing.
  for (let i = 0; i < config.rooms.length; i += 10) {
    const batch = config.rooms.slice(i, i + 10).map(({ name, token }) =>
      Array.from({ length: config.clientsPerRoom }, () => connect(config, name, token)),
    );
    await Promise.all(batch.flat().map(synced));
    rooms.push(...batch);
  }
  // One client per room creates the file; two creating it would leave rival Y.Texts under one key.
  for (const members of rooms) members[0]!.doc.getMap<Y.Text>('files').set('main.ts', new Y.Text());
  const all = rooms.flat();
  while (!all.every((c) => c.doc.getMap('files').has('main.ts'))) await sleep(50);
  send({ type: 'connected', connectMs: performance.now() - connectStart });
  return all;
}

async function typeAndMeasure(config: LoadConfig, all: Client[]): Promise<void> {
  const periodMs = 1000 / config.charsPerSecond;
  const timers: NodeJS.Timeout[] = [];
  for (const client of all) {
    // Jittered start: clients typing in lockstep would turn the load into bursts.
    timers.push(setTimeout(() => timers.push(setInterval(() => type(client), periodMs)), Math.random() * periodMs));
  }
  await sleep(config.warmupSeconds * 1000);

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  recording = true;
  await sleep(config.seconds * 1000);
  // Stop typing, then give in-flight keystrokes a moment to land before counting losses.
  for (const timer of timers) clearInterval(timer);
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  await sleep(2000);
  recording = false;
  loop.disable();
  send({
    type: 'done',
    latencies: Float64Array.from(latencies),
    sent,
    expected: sent * (config.clientsPerRoom - 1),
    received,
    generatorCpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
  });
  for (const client of all) client.provider.destroy();
}

// Every WebsocketProvider adds a process 'exit' listener; a thousand of them are expected here.
process.setMaxListeners(0);
// A generator outliving its bench run would keep typing into whatever took the port next.
process.on('disconnect', () => process.exit(0));

let clients: Promise<Client[]> | null = null;
let config: LoadConfig | null = null;
const fail = (error: unknown) => {
  console.error(error);
  process.exit(1);
};
process.on('message', (message: ParentMessage) => {
  if (message.type === 'config') {
    config = message.config;
    clients = connectAll(config);
    clients.catch(fail);
  } else {
    clients!.then((all) => typeAndMeasure(config!, all)).catch(fail);
  }
});
