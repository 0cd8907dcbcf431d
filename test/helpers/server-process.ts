// test/helpers/: what unit and integration tests share: server processes (here) and in-process servers,
// in-memory collab connections, stock Yjs and Spark clients, clusters, restarts, storage faults, typing.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';

export interface ServerProcess {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** Graceful stop (SIGTERM), waits for exit. */
  stop(): Promise<void>;
  /** Hard kill (SIGKILL), waits for exit. */
  kill(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** Serve Next.js pages (needs `next build`); protocol tests leave it off. */
  next?: boolean;
  /**
   * Run the bundle `npm start` runs (dist/index.mjs under plain node, with its environment and node options;
   * build it first with scripts/build-server.ts) instead of the sources under tsx.
   */
  bundle?: boolean;
}

/** What package.json's start script sets for the bundle besides NODE_ENV (test/layout/server-bundle.test.ts). */
export const BUNDLE_ENV = { MALLOC_ARENA_MAX: '2' };
/**
 * And the node options it runs the bundle with: young objects (a relayed message's buffers, mostly) are
 * collected every 4 MiB instead of V8's default 16 MiB semi-spaces, which a relay never needs; and after
 * each full collection the old generation may grow to 1.5x what survived, not V8's default of up to 4x.
 * Under load a relay promotes many short-lived objects (what it was writing when a young collection ran),
 * and with the default factor they piled up: the capacity bench's peak RSS at 1,000 typing clients was
 * 190-203 MiB with it and 102-118 MiB at 1.2-1.5x. At 2 MiB a young collection came every 40-50 ms at
 * 800-1,000 typing clients, often enough to promote what lives a few of them (a cursor's state, a batch
 * waiting for storage), and collections took 19 % of the server's CPU; at 4 MiB there are half as many
 * and fewer full ones, at the same peak RSS.
 */
export const BUNDLE_NODE_ARGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'];

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sparkpad-test-'));
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Starts `server/index.ts` (or its bundle) in a child process on a free port and resolves once it listens. */
export async function startServer(options: StartOptions = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? makeDataDir();
  const args = options.bundle ? [...BUNDLE_NODE_ARGS, 'dist/index.mjs'] : ['--import', 'tsx', 'server/index.ts'];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...(options.bundle ? BUNDLE_ENV : {}),
      NODE_ENV: options.next ? 'production' : 'test',
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      SPARKPAD_DATA_DIR: dataDir,
      SPARKPAD_SECRET: TEST_SECRET,
      SPARKPAD_SERVE_NEXT: options.next ? 'true' : 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // Tests say which model they use: what this machine happens to run must not be found.
      SPARKPAD_DISCOVER: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /SPARKPAD_LISTENING port=(\d+)/.exec(log);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${log}`)));
  });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    dataDir,
    child,
    output: () => log,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
