/**
 * The capacity load generator, run as its own process (forked by capacity.ts) so its CPU does not come
 * out of the measuring process's event loop. It must cost far less than the server it loads, or the
 * figures measure the generator: each client is a bare `ws` socket speaking the y-websocket protocol
 * with messages written ahead of time (bench/lib/yjs-wire.ts), exactly the bytes a Yjs client would send
 * for the same typing, and it holds no Y.Doc. Of a received message only the head is read, and only to
 * time the keystrokes of the probe clients (the first `probesPerRoom` of each room); every other client
 * types and moves its cursor at the same rate but is not timed.
 *
 * Propagation is timed inside this process only: a room's clients all live here, so the sender's
 * timestamp and the receiver's are read from the same clock. A keystroke is identified by the Yjs item
 * id it creates, (client, clock), which a receiver reads from the head of the relayed update.
 */
import { randomInt } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  awarenessMessage,
  createFileUpdate,
  EMPTY_SYNC_STEP_1,
  EMPTY_SYNC_STEP_2,
  FILE_NAME,
  readIncoming,
  typeCharUpdate,
  updateMessage,
  type ItemId,
} from '../lib/yjs-wire';

export interface LoadConfig {
  wsUrl: string;
  rooms: Array<{ name: string; token: string | null }>;
  clientsPerRoom: number;
  /** Document updates (one character each) per client per second, each followed by a cursor update. */
  updatesPerSecond: number;
  /** Clients per room whose keystrokes are timed at the others. */
  probesPerRoom: number;
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
      /** Updates sent by every client in the recording window. */
      sent: number;
      /** Probe keystrokes times the receivers each should reach, and how many did. */
      expected: number;
      received: number;
      /** Clients the server closed during the run (a slow-consumer cut-off, a refusal): their deliveries stop. */
      closed: number;
      generatorCpuPercent: number;
      /** Share of the window the generator's event loop was busy (1 = saturated). */
      loopUtilization: number;
      loopDelayP99Ms: number;
    };

interface Room {
  /** The Y.Text of `main.ts`: created by the room's first client at its clock 0. */
  text: ItemId;
  members: Client[];
}

interface Client {
  ws: WebSocket;
  id: number;
  room: Room;
  probe: boolean;
  synced: Promise<void>;
  /** Resolves when this client has seen the file created (the creator: once it sent it). */
  fileSeen: Promise<void>;
  /** Each keystroke's update and cursor messages, written before typing starts. */
  keystrokes: Array<[Buffer, Buffer]>;
  next: number;
}

const send = (message: LoadMessage) => process.send!(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const BENCH_USER = { id: 'bench-typist', name: 'Typist', color: '#3fb950', kind: 'human' };
/** Room-chosen ids; Yjs picks random 32-bit client ids too. */
const usedIds = new Set<number>();

/** Probe client id -> the time each of its keystrokes was sent, by Yjs clock (NaN: not recorded). */
const sentAt = new Map<number, Float64Array>();
const latencies: number[] = [];
let recording = false;
let sent = 0;
let probeSent = 0;
let received = 0;
let closed = 0;
let ending = false;

function newClientId(): number {
  for (;;) {
    const id = randomInt(1, 2 ** 32 - 1);
    if (!usedIds.has(id)) return usedIds.add(id), id;
  }
}

function timeDelivery(client: number, from: number, count: number, now: number): void {
  const times = sentAt.get(client);
  if (!times) return;
  for (let clock = from; clock < from + count && clock < times.length; clock++) {
    const t = times[clock]!;
    if (Number.isNaN(t)) continue;
    latencies.push(now - t);
    received++;
  }
}

function onMessage(self: Client, data: Buffer, marks: { synced(): void; file(): void }): void {
  const incoming = readIncoming(data);
  if (incoming.kind === 'sync-step-1') return self.ws.send(EMPTY_SYNC_STEP_2);
  if (incoming.kind === 'sync-step-2') return marks.synced();
  if (incoming.kind !== 'update') return; // presence of others: not read
  const now = performance.now();
  if (incoming.first) {
    const { client, clock } = incoming.first;
    if (client === self.room.text.client && clock === 0) marks.file();
    // The reference echoes an update to its sender too; a client's own keystroke is not a delivery.
    if (recording && client !== self.id) timeDelivery(client, clock, incoming.structs, now);
    return;
  }
  // Several writers in one update (a server may merge): the full struct list, rare.
  const { from, to } = Y.parseUpdateMeta(data.subarray(incoming.payloadAt));
  for (const [client, start] of from) {
    if (client === self.room.text.client && start === 0) marks.file();
    if (recording && client !== self.id) timeDelivery(client, start, (to.get(client) ?? start) - start, now);
  }
}

function connect(config: LoadConfig, room: Room, name: string, token: string | null, creator: boolean): Client {
  const url = `${config.wsUrl}/${encodeURIComponent(name)}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const id = creator ? room.text.client : newClientId();
  let markSynced!: () => void;
  let markFile!: () => void;
  const client: Client = {
    ws,
    id,
    room,
    probe: room.members.length < config.probesPerRoom,
    synced: new Promise((resolve) => (markSynced = resolve)),
    fileSeen: new Promise((resolve) => (markFile = resolve)),
    keystrokes: [],
    next: 0,
  };
  ws.on('open', () => ws.send(EMPTY_SYNC_STEP_1));
  ws.on('message', (data: Buffer) => onMessage(client, data, { synced: markSynced, file: markFile }));
  ws.on('close', () => {
    if (!ending) closed++;
  });
  ws.on('error', (error) => {
    console.error(`load client: ${error.message}`);
    process.exit(1);
  });
  room.members.push(client);
  return client;
}

/** Writes every message a client will send: a character and the cursor after it, per keystroke. */
function prepareKeystrokes(client: Client, count: number): void {
  const { text } = client.room;
  // The creator's clock 0 is the text itself.
  const firstClock = client.id === text.client ? 1 : 0;
  for (let i = 0; i < count; i++) {
    const clock = firstClock + i;
    const char = String.fromCharCode(97 + (clock % 26));
    const update = updateMessage(typeCharUpdate(client.id, clock, char, text, i > 0));
    // A whole presence state, as a browser sends: the caret at the character just typed.
    const at = { type: text, item: { client: client.id, clock }, assoc: 0 };
    const cursor = awarenessMessage(client.id, i + 1, { user: BENCH_USER, file: FILE_NAME, selection: { anchor: at, head: at } });
    client.keystrokes.push([Buffer.from(update), Buffer.from(cursor)]);
  }
  if (client.probe) sentAt.set(client.id, new Float64Array(firstClock + count).fill(NaN));
}

function keystroke(client: Client): void {
  const message = client.keystrokes[client.next];
  if (!message || client.ws.readyState !== WebSocket.OPEN) return;
  const clock = client.next + (client.id === client.room.text.client ? 1 : 0);
  client.next++;
  if (recording) {
    sent++;
    if (client.probe) {
      sentAt.get(client.id)![clock] = performance.now();
      probeSent++;
    }
  }
  client.ws.send(message[0]);
  client.ws.send(message[1]);
}

async function connectAll(config: LoadConfig): Promise<Client[]> {
  const connectStart = performance.now();
  const all: Client[] = [];
  // Ten rooms (fifty clients) at a time: a thousand simultaneous handshakes would measure the accept
  // queue, not steady typing.
  for (let i = 0; i < config.rooms.length; i += 10) {
    const batch = config.rooms.slice(i, i + 10).flatMap(({ name, token }) => {
      const room: Room = { text: { client: newClientId(), clock: 0 }, members: [] };
      return Array.from({ length: config.clientsPerRoom }, (_, n) => connect(config, room, name, token, n === 0));
    });
    await Promise.all(batch.map((c) => c.synced));
    all.push(...batch);
  }
  // One client per room creates the file; everyone waits until it has seen it.
  for (const client of all) {
    if (client.id !== client.room.text.client) continue;
    client.ws.send(updateMessage(createFileUpdate(client.id)));
  }
  await Promise.all(all.map((c) => (c.id === c.room.text.client ? undefined : c.fileSeen)));
  const keystrokes = Math.ceil((config.warmupSeconds + config.seconds + 1) * config.updatesPerSecond);
  for (const client of all) prepareKeystrokes(client, keystrokes);
  send({ type: 'connected', connectMs: performance.now() - connectStart });
  return all;
}

async function typeAndMeasure(config: LoadConfig, all: Client[]): Promise<void> {
  const periodMs = 1000 / config.updatesPerSecond;
  const timers: NodeJS.Timeout[] = [];
  for (const client of all) {
    // Jittered start: clients typing in lockstep would turn the load into bursts.
    timers.push(setTimeout(() => timers.push(setInterval(() => keystroke(client), periodMs)), Math.random() * periodMs));
  }
  await sleep(config.warmupSeconds * 1000);

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuStart = process.cpuUsage();
  const eluStart = performance.eventLoopUtilization();
  const wallStart = performance.now();
  recording = true;
  await sleep(config.seconds * 1000);
  // Stop typing, then give in-flight keystrokes a moment to land before counting losses.
  for (const timer of timers) clearInterval(timer);
  const cpu = process.cpuUsage(cpuStart);
  const elu = performance.eventLoopUtilization(eluStart);
  const wallMs = performance.now() - wallStart;
  await sleep(2000);
  recording = false;
  loop.disable();
  send({
    type: 'done',
    latencies: Float64Array.from(latencies),
    sent,
    expected: probeSent * (config.clientsPerRoom - 1),
    received,
    closed,
    generatorCpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    loopUtilization: elu.utilization,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
  });
  ending = true;
  for (const client of all) client.ws.terminate();
}

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
