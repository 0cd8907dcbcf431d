/**
 * The embedded engine's training text: source that ships inside installed packages, so `npm start` has a
 * model with no download. TypeScript's own `lib.*.d.ts` first (the standard library's shapes), then the
 * readable sources of packages we depend on. Minified and generated files are skipped, and the packages in
 * EMBEDDED_HELDOUT_PACKAGES are never read, so the benchmark can measure the engine on code it has not seen.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Packages kept out of the corpus: the benchmark evaluates on their files. */
export const EMBEDDED_HELDOUT_PACKAGES = [
  'eventsource-parser',
  'pg-protocol',
  '@jridgewell/trace-mapping',
  '@jridgewell/gen-mapping',
  'y-websocket',
  'ws',
] as const;

/** Folders read in this order until the byte cap is reached; the most code-like material comes first. */
const SOURCES: Array<{ dir: string; pattern: RegExp }> = [
  { dir: '@typescript/typescript-linux-x64/lib', pattern: /^lib\.es(5|20\d\d(\.\w+)*)\.d\.ts$/ },
  { dir: 'typescript/lib', pattern: /^lib\.es(5|20\d\d(\.\w+)*)\.d\.ts$/ },
  { dir: 'zod/src/v4/classic', pattern: /\.ts$/ },
  { dir: 'zod/src/v4/core', pattern: /\.ts$/ },
  { dir: 'yjs/src', pattern: /\.js$/ },
  { dir: 'lib0', pattern: /^[a-z]+\.js$/ },
  { dir: 'y-protocols', pattern: /^[a-z]+\.js$/ },
  { dir: 'socket.io/dist', pattern: /\.js$/ },
  { dir: 'engine.io/build', pattern: /\.js$/ },
  { dir: 'pino/lib', pattern: /\.js$/ },
  { dir: 'prom-client/lib', pattern: /\.js$/ },
  { dir: 'rate-limiter-flexible/lib', pattern: /\.js$/ },
  { dir: 'pg/lib', pattern: /\.js$/ },
  { dir: 'ioredis/built', pattern: /\.js$/ },
  { dir: '@types/node', pattern: /\.d\.ts$/ },
  { dir: 'zod/src/v3', pattern: /\.ts$/ },
];

/** Generated or minified files teach nothing about how people write code. */
export function looksHandWritten(text: string): boolean {
  if (text.length === 0) return false;
  const lines = text.split('\n');
  const longest = lines.reduce((m, l) => Math.max(m, l.length), 0);
  return longest < 400 && text.length / lines.length < 100;
}

function isHeldOut(relative: string): boolean {
  return EMBEDDED_HELDOUT_PACKAGES.some((name) => relative === name || relative.startsWith(`${name}/`));
}

async function listFiles(dir: string, pattern: RegExp, depth = 0): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth < 3 && !/^(test|tests|__tests__|node_modules|ts\d\.\d)$/.test(entry.name)) {
        files.push(...(await listFiles(full, pattern, depth + 1)));
      }
    } else if (pattern.test(entry.name) && !/\.(test|spec|min)\./.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

export interface CorpusFile {
  path: string;
  text: string;
}

/**
 * Yields corpus files until `maxBytes` of text were produced. Reads lazily, one file at a time, so the
 * caller can index each before the next is read and never holds the whole corpus as strings.
 */
export async function* corpusFiles(nodeModules: string, maxBytes: number): AsyncGenerator<CorpusFile> {
  let bytes = 0;
  for (const source of SOURCES) {
    if (isHeldOut(source.dir)) continue;
    for (const file of await listFiles(path.join(nodeModules, source.dir), source.pattern)) {
      if (bytes >= maxBytes) return;
      const info = await stat(file);
      if (info.size > 512 * 1024) continue;
      const text = await readFile(file, 'utf8');
      if (!looksHandWritten(text)) continue;
      bytes += text.length;
      yield { path: path.relative(nodeModules, file), text };
    }
  }
}
