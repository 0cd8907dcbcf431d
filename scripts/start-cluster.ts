// scripts/: commands beside the app: the cluster starter (`npm run start:cluster`, here), the server
// bundler `npm start` runs first, and the printer of the README's settings table from server/config.ts.

/**
 * Starts N Sparkpad instances on consecutive ports against the local Redis and PostgreSQL, to try scale-out
 * on one machine: `npm run start:cluster` (3 instances from port 3000), `npm run start:cluster -- 5`.
 * Settings come from the environment as for `npm start`; only the scale-out ones get local defaults here.
 * Ctrl-C stops every instance gracefully (each stores its open rooms first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { loadOrCreateSecret } from '../server/auth/secret';

const count = Number(process.argv[2] ?? process.env.SPARKPAD_INSTANCES ?? 3);
const basePort = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(basePort)) {
  console.error('usage: npm run start:cluster -- [instances]   (PORT sets the first port)');
  process.exit(2);
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const dataDir = path.resolve(process.env.SPARKPAD_DATA_DIR ?? 'data');
const shared = {
  SPARKPAD_REDIS_URL: process.env.SPARKPAD_REDIS_URL ?? 'redis://127.0.0.1:6379',
  SPARKPAD_DATABASE_URL: process.env.SPARKPAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  SPARKPAD_DATA_DIR: dataDir,
  // A link signed by one instance must open on every other: they all get the same secret.
  SPARKPAD_SECRET: loadOrCreateSecret(dataDir, process.env.SPARKPAD_SECRET),
};

const children: ChildProcess[] = [];
for (let i = 0; i < count; i++) {
  const port = basePort + i;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...shared, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const label = `[instance ${i + 1} :${port}]`;
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) console.log(`${label} ${line}`);
    });
  }
  // One instance ending is what scale-out is for: the others keep serving.
  child.on('exit', (code, signal) => console.log(`${label} exited (${signal ?? code})`));
  children.push(child);
}
console.log(
  `Sparkpad cluster: ${count} instances on http://127.0.0.1:${basePort}..${basePort + count - 1}, ` +
    `Redis ${shared.SPARKPAD_REDIS_URL}, PostgreSQL ${shared.SPARKPAD_DATABASE_URL.replace(/\/\/[^@/]*@/, '//')}`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await Promise.all(
  children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null)),
);
