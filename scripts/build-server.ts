/**
 * Bundles the server's own TypeScript into plain ES modules in dist/ (`npm run build`, run by `npm start`
 * first), so production runs under plain `node` instead of tsx: tsx's loader and the sources it transforms
 * in memory cost about 38 MiB resident on an idle server. Packages stay external (loaded from
 * node_modules as they are), modules loaded on demand stay separate chunks so they are still loaded only
 * on demand, and each worker thread gets its own entry (server/ai/embedded/worker-channel.ts finds it).
 * `npm run dev` and the tests keep running the sources under tsx.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const repoRoot = path.resolve(import.meta.dirname, '..');

/** Where the bundle goes: one level below the repository, as server/ is (the server reads ../package.json). */
export const SERVER_BUNDLE_DIR = path.join(repoRoot, 'dist');
export const SERVER_BUNDLE_ENTRY = path.join(SERVER_BUNDLE_DIR, 'index.mjs');

export async function buildServer(): Promise<void> {
  // Chunk names change with their content: stale ones must not linger beside the new bundle.
  fs.rmSync(SERVER_BUNDLE_DIR, { recursive: true, force: true });
  await build({
    absWorkingDir: repoRoot,
    entryPoints: {
      index: 'server/index.ts',
      'engine-worker': 'server/ai/embedded/engine-worker.ts',
      'semantic-worker': 'server/ai/semantic/semantic-worker.ts',
    },
    outdir: SERVER_BUNDLE_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildServer();
  console.log(`server bundle: ${path.relative(repoRoot, SERVER_BUNDLE_ENTRY)}`);
}
