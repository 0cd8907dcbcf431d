/**
 * Server capacity: K y-websocket clients in K/5 rooms, each typing 2 characters per second and moving its
 * cursor with every keystroke (an awareness update per document update, as an editor does), against our
 * server and the reference `@y/websocket-server` in the same run, loaded by the same generator
 * (capacity-load.ts). Reports propagation from one probe client per room to the others, server CPU over
 * the typing window and peak RSS, with our/ref ratios, how many clients each server held with propagation
 * p95 <= 100 ms, and the generator's own CPU, so a reader sees whether the generator or the server was the
 * limit. A server that missed the p95 bound at two K in a row is not run at larger K: it would not hold
 * them, and the steps can then be fine enough to show the ratio of clients held.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeDataDir } from '../../test/helpers/server-process';
import { createRoomInDataDir, randomRoomId } from '../../test/helpers/sessions';
import type { BenchContext, Part } from '../lib/part';
import { cpuMeter, currentRssMiB, loadAverage, peakRssMiB, resetPeakRss, startOurs, startReference, type BenchServer } from '../lib/servers';
import { measured, round, single, summarize, type Figure, type Goal, type Summary } from '../lib/stats';
import type { LoadConfig, LoadMessage, ParentMessage } from './capacity-load';

const CLIENTS_PER_ROOM = 5;
const UPDATES_PER_SECOND = 2;
/** Timed clients per room; every client types and moves its cursor alike. */
const PROBES_PER_ROOM = 1;
const P95_GOAL_MS = 100;
/** Goals against the reference: clients held at the p95 bound, and memory at the largest K both held. */
const HELD_RATIO_GOAL = 1.5;
const RSS_RATIO_GOAL = 1.2;
/** Consecutive K at which a server missed the p95 bound before it is not run at larger K. */
const MISSES_BEFORE_STOP = 2;

interface RunResult {
  latency: Summary;
  cpuPercent: number;
  peakRssMiB: number;
  /** Every generator's CPU together, and whether one could not keep up (its delay is in the latency). */
  generatorCpuPercent: number;
  generatorBound: boolean;
  note: string;
}

type Done = Extract<LoadMessage, { type: 'done' }>;

/**
 * Generators per run: one per CLIENTS_PER_GENERATOR clients, at most one per core. A room's clients always
 * share a process, and so a clock.
 */
const CLIENTS_PER_GENERATOR = 1000;
const generatorCount = (k: number) => Math.max(1, Math.min(os.cpus().length, Math.ceil(k / CLIENTS_PER_GENERATOR)));

function forkGenerator(): ChildProcess {
  return fork(path.join(import.meta.dirname, 'capacity-load.ts'), {
    execArgv: ['--import', 'tsx'],
    // Advanced serialisation carries the raw Float64Array of samples without a JSON detour.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function nextMessage<T extends LoadMessage['type']>(child: ChildProcess, type: T): Promise<Extract<LoadMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: LoadMessage) => {
      if (message.type !== type) return;
      child.off('message', onMessage).off('exit', onExit);
      resolve(message as Extract<LoadMessage, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
    child.on('message', onMessage).once('exit', onExit);
  });
}

async function runLoad(server: BenchServer, rooms: LoadConfig['rooms'], k: number, context: BenchContext): Promise<RunResult> {
  const count = generatorCount(k);
  const children = Array.from({ length: count }, forkGenerator);
  const exited = children.map((child) => once(child, 'exit'));
  // Before any client: what the process costs idle (for ours, mostly the tsx loader), beside the peak.
  const idleRss = currentRssMiB(server.pid);
  const peakIsUnderLoad = resetPeakRss(server.pid);
  const warmupSeconds = context.options.quick ? 1 : 3;
  try {
    const connected = children.map((child, i) => {
      const config: LoadConfig = {
        wsUrl: server.wsUrl,
        rooms: rooms.filter((_, r) => r % count === i),
        clientsPerRoom: CLIENTS_PER_ROOM,
        updatesPerSecond: UPDATES_PER_SECOND,
        probesPerRoom: PROBES_PER_ROOM,
        warmupSeconds,
        seconds: context.options.seconds,
      };
      const message: ParentMessage = { type: 'config', config };
      child.send(message);
      return nextMessage(child, 'connected');
    });
    const connectMs = Math.max(...(await Promise.all(connected)).map((m) => m.connectMs));
    const done = children.map((child) => nextMessage(child, 'done'));
    // If this run fails before they are awaited, killing the generators rejects these: that is expected.
    for (const promise of done) promise.catch(() => undefined);
    for (const child of children) child.send({ type: 'start' } satisfies ParentMessage);
    // The server's CPU is read over the generators' recording window, not the connect phase or warm-up.
    await sleep(warmupSeconds * 1000);
    const meter = cpuMeter(server.pid);
    await sleep(context.options.seconds * 1000);
    if (!server.alive()) throw new Error(`${server.kind} server exited under load:\n${server.outputTail()}`);
    const cpuPercent = meter();
    const results: Done[] = await Promise.all(done);
    const rss = peakRssMiB(server.pid);
    const sum = (key: 'sent' | 'expected' | 'received' | 'closed' | 'generatorCpuPercent') => results.reduce((n, r) => n + r[key], 0);
    const rate = sum('sent') / (rooms.length * CLIENTS_PER_ROOM * context.options.seconds);
    const loopBusy = Math.max(...results.map((r) => r.loopUtilization));
    const loopDelayP99 = Math.max(...results.map((r) => r.loopDelayP99Ms));
    // A generator that could not keep its typing rate or its event loop on time adds its own delay to
    // every sample: say so rather than let it pass as the server's.
    const saturated = rate < UPDATES_PER_SECOND * 0.95 || loopDelayP99 > 50 || loopBusy > 0.9;
    const note =
      (saturated ? 'GENERATOR-BOUND (machine busy or generator saturated; latency includes its delay): ' : '') +
      `${server.kind}: connect ${round(connectMs / 1000)} s, typed ${round(rate, 2)} updates/s per client, ` +
      `${sum('expected') - sum('received')} of ${sum('expected')} deliveries missing, ${sum('closed')} clients closed by the server, ${count} generator(s) using ` +
      `${round(sum('generatorCpuPercent'), 0)}% CPU (busiest loop ${round(loopBusy * 100, 0)}% busy, delay p99 ${round(loopDelayP99)} ms), ` +
      `server RSS idle ${round(idleRss, 0)} MiB${peakIsUnderLoad ? '' : ' (peak includes start-up)'}, load average ${loadAverage()}`;
    context.log(note);
    const latencies = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
    let offset = 0;
    for (const r of results) latencies.set(r.latencies, (offset += r.latencies.length) - r.latencies.length);
    return { latency: summarize(latencies), cpuPercent, peakRssMiB: rss, generatorCpuPercent: sum('generatorCpuPercent'), generatorBound: saturated, note };
  } finally {
    for (const child of children) child.kill();
    await Promise.all(exited);
  }
}

/**
 * Ours at least as good as the reference at every K; at K >= 1000 also an absolute p95 bound. Where the
 * reference was not run (it missed the bound at smaller K), the bound alone.
 */
function propagationGoal(k: number, ours: RunResult, ref: RunResult | undefined): Goal {
  const withinBound = ours.latency.p95 <= P95_GOAL_MS;
  if (!ref) return { text: `p95 <= ${P95_GOAL_MS} ms`, met: withinBound };
  const asGood = ours.latency.p95 <= ref.latency.p95;
  if (k < 1000) return { text: 'p95 <= ref', met: asGood };
  return { text: `p95 <= ref, <= ${P95_GOAL_MS} ms`, met: asGood && withinBound };
}

/** The servers run at one K: a server past what it held is left out. */
type KResults = Partial<Record<BenchServer['kind'], RunResult>>;

async function runServer(kind: BenchServer['kind'], k: number, roomCount: number, context: BenchContext): Promise<RunResult> {
  let rooms: LoadConfig['rooms'];
  let server: BenchServer;
  if (kind === 'ours') {
    // Rooms must exist in storage and tokens must be signed, as for a real session link.
    const dataDir = makeDataDir();
    rooms = [];
    for (let i = 0; i < roomCount; i++) {
      const room = await createRoomInDataDir(dataDir);
      rooms.push({ name: room.room, token: room.editToken });
    }
    server = await startOurs({ dataDir });
  } else {
    rooms = Array.from({ length: roomCount }, () => ({ name: randomRoomId(), token: null }));
    server = await startReference();
  }
  context.log(`K=${k}: ${kind} server pid ${server.pid}, ${roomCount} rooms`);
  try {
    return await runLoad(server, rooms, k, context);
  } finally {
    await server.stop();
  }
}

function figuresAt(k: number, roomCount: number, { ours, ref }: KResults): Figure[] {
  const part = 'capacity';
  const label = `K=${k} R=${roomCount}`;
  const notRun = 'not run: it missed the p95 bound at smaller K';
  const figures: Figure[] = [];
  if (ours) {
    figures.push(
      measured(part, `${label} propagation, ours`, 'ms', ours.latency, {
        goal: propagationGoal(k, ours, ref),
        ratio: ref ? ours.latency.p95 / ref.latency.p95 : undefined,
        note: ours.note,
      }),
    );
  }
  if (ref) figures.push(measured(part, `${label} propagation, ref`, 'ms', ref.latency, { note: ref.note }));
  const pair = (what: string, unit: string, value: (r: RunResult) => number) => {
    if (ours) {
      const goal = ref ? { text: '<= ref', met: value(ours) <= value(ref) } : undefined;
      const ratio = ref ? value(ours) / value(ref) : undefined;
      figures.push(single(part, `${label} ${what}, ours`, unit, round(value(ours)), { goal, ratio, note: ref ? undefined : `ref ${notRun}` }));
    }
    if (ref) figures.push(single(part, `${label} ${what}, ref`, unit, round(value(ref)), { note: ours ? undefined : `ours ${notRun}` }));
  };
  pair('server CPU', '% core', (r) => r.cpuPercent);
  pair('peak RSS', 'MiB', (r) => r.peakRssMiB);
  for (const [kind, result] of [['ours', ours], ['ref', ref]] as const) {
    if (!result) continue;
    figures.push(
      single(part, `${label} generator CPU, loading ${kind}`, '% core', round(result.generatorCpuPercent), {
        note: result.generatorBound ? 'generator-bound: the latency includes its delay' : undefined,
      }),
    );
  }
  return figures;
}

/** Which runs the generator could not keep up with: their p95 includes the generator's delay. */
function bound(byK: Map<number, KResults>): string {
  const runs = [...byK].flatMap(([k, r]) => (['ours', 'ref'] as const).filter((kind) => r[kind]?.generatorBound).map((kind) => `${kind} at K=${k}`));
  return runs.length > 0 ? `; generator-bound: ${runs.join(', ')}` : '';
}

/** The largest K each server held at p95 <= 100 ms, and RSS at the largest K both held. */
function heldFigures(byK: Map<number, KResults>): Figure[] {
  const held = (kind: BenchServer['kind']) =>
    Math.max(0, ...[...byK].filter(([, r]) => r[kind] && r[kind].latency.p95 <= P95_GOAL_MS).map(([k]) => k));
  const ours = held('ours');
  const ref = held('ref');
  const both = Math.min(ours, ref);
  const figures: Figure[] = [
    single('capacity', `clients held at p95 <= ${P95_GOAL_MS} ms, ours`, 'clients', ours, {
      goal: { text: `>= ${HELD_RATIO_GOAL}x ref`, met: ref > 0 && ours >= HELD_RATIO_GOAL * ref },
      ratio: ref > 0 ? ours / ref : undefined,
      note:
        `of K = ${[...byK.keys()].join(', ')}; a server holding the largest K it ran may hold more` +
        bound(byK),
    }),
    single('capacity', `clients held at p95 <= ${P95_GOAL_MS} ms, ref`, 'clients', ref),
  ];
  const at = byK.get(both);
  if (at?.ours && at.ref) {
    figures.push(
      single('capacity', `RSS at K=${both} (both held), ours`, 'MiB', round(at.ours.peakRssMiB), {
        goal: { text: `<= ${RSS_RATIO_GOAL}x ref`, met: at.ours.peakRssMiB <= RSS_RATIO_GOAL * at.ref.peakRssMiB },
        ratio: at.ours.peakRssMiB / at.ref.peakRssMiB,
      }),
    );
  }
  return figures;
}

export const capacityPart: Part = {
  name: 'capacity',
  summary: 'K y-websocket clients typing 2 chars/s (and moving their cursor) in K/5 rooms: propagation, CPU, RSS, clients held, ours vs reference',
  async run(context) {
    const figures: Figure[] = [];
    const byK = new Map<number, KResults>();
    const misses: Record<BenchServer['kind'], number> = { ours: 0, ref: 0 };
    // The order alternates per K, so drift in the machine's background load favours neither server.
    for (const [i, k] of context.options.clients.entries()) {
      const order = (i % 2 === 0 ? ['ours', 'ref'] : ['ref', 'ours']) as Array<BenchServer['kind']>;
      const kinds = order.filter((kind) => misses[kind] < MISSES_BEFORE_STOP);
      if (kinds.length === 0) break;
      const roomCount = Math.max(1, Math.round(k / CLIENTS_PER_ROOM));
      const results: KResults = {};
      for (const kind of kinds) {
        const result = await runServer(kind, k, roomCount, context);
        results[kind] = result;
        misses[kind] = result.latency.p95 > P95_GOAL_MS ? misses[kind] + 1 : 0;
      }
      figures.push(...figuresAt(k, roomCount, results));
      byK.set(k, results);
    }
    return [...figures, ...heldFigures(byK)];
  },
};
