/**
 * Starting the servers under test and reading their cost from /proc. Our server runs as `npm start` runs
 * it: the bundle (scripts/build-server.ts, built once per bench run from the sources as they are) under
 * plain node, started through test/helpers/server-process.ts with load limits raised through the
 * environment; the reference is the stock `@y/websocket-server` 0.1.1 entry point, unmodified.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { buildServer } from '../../scripts/build-server';
import { startServer, type ServerProcess } from '../../test/helpers/server-process';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface BenchServer {
  kind: 'ours' | 'ref';
  /** Base websocket URL; a room is at `${roomUrl(room)}`. */
  wsUrl: string;
  pid: number;
  dataDir?: string;
  /** Whether the process is still running; a crash mid-run must be reported with its output. */
  alive(): boolean;
  /** The last lines the process printed. */
  outputTail(): string;
  stop(): Promise<void>;
}

const tail = (text: string) => text.trim().split('\n').slice(-15).join('\n');

/** Every server still running, so an interrupted or crashed run leaves no orphans on a shared machine. */
const running = new Set<BenchServer>();

/** A graceful stop gets 5 s (ours stores open rooms on SIGTERM); then the process is killed. */
function track<T extends BenchServer>(server: T, kill: () => Promise<void>): T {
  running.add(server);
  const stop = server.stop;
  server.stop = async () => {
    running.delete(server);
    const timer = setTimeout(() => void kill(), 5_000);
    await stop();
    clearTimeout(timer);
  };
  return server;
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

let bundle: Promise<void> | null = null;

/** Our server, protocol only (no Next) unless `next` is set; limits raised so the load itself is measured. */
export async function startOurs(options: { next?: boolean; dataDir?: string; env?: Record<string, string> } = {}): Promise<BenchServer & { process: ServerProcess }> {
  await (bundle ??= buildServer());
  const proc = await startServer({
    bundle: true,
    next: options.next,
    dataDir: options.dataDir,
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SPARKPAD_MAX_CONNECTIONS: '20000',
      // Every bench client comes from 127.0.0.1; per-address limits are for the open internet.
      SPARKPAD_MAX_CONNECTIONS_PER_IP: '20000',
      SPARKPAD_MAX_HANDSHAKES_PER_IP_PER_MINUTE: '1000000',
      SPARKPAD_MAX_CLIENTS_PER_ROOM: '1000',
      SPARKPAD_MAX_LOADED_ROOMS: '5000',
      ...options.env,
    },
  });
  return track({
    kind: 'ours',
    wsUrl: `${proc.wsUrl}/yjs`,
    pid: proc.child.pid!,
    dataDir: proc.dataDir,
    process: proc,
    alive: () => proc.child.exitCode === null && proc.child.signalCode === null,
    outputTail: () => tail(proc.output()),
    stop: () => proc.stop(),
  }, () => proc.kill());
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The reference server. It prints the configured port, not the bound one, so we pick a free port first.
 * No YPERSISTENCE: the stock server keeps documents in memory only (ours also writes SQLite).
 */
export async function startReference(): Promise<BenchServer> {
  const port = await freePort();
  const entry = path.join(repoRoot, 'node_modules/@y/websocket-server/src/server.js');
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('running at')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`reference server exited (${code}):\n${log}`)));
  });
  const exited = once(child, 'exit');
  return track({
    kind: 'ref',
    wsUrl: `ws://127.0.0.1:${port}`,
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    outputTail: () => tail(log),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  }, async () => void child.kill('SIGKILL'));
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU seconds (user + system, all threads) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function statusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
}

/** Peak resident memory of a process in MiB (VmHWM). */
export const peakRssMiB = (pid: number) => statusKiB(pid, 'VmHWM') / 1024;

/**
 * Resets a process's VmHWM to its current RSS (Linux `clear_refs` value 5), so the peak read later is
 * the peak under load, not a start-up spike (tsx compiling our sources). Returns false where not allowed.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Resident memory now, in MiB. */
export const currentRssMiB = (pid: number) => statusKiB(pid, 'VmRSS') / 1024;

/** Measures a process's CPU use over a window as a percentage of one core. */
export function cpuMeter(pid: number): () => number {
  const startCpu = cpuSeconds(pid);
  const startWall = performance.now();
  return () => ((cpuSeconds(pid) - startCpu) / ((performance.now() - startWall) / 1000)) * 100;
}

/** Load average over the last minute, to tell a reader whether co-workers' processes shared the machine. */
export function loadAverage(): number {
  return Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
