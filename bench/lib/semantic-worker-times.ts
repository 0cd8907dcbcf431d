/**
 * How long the language service takes in its worker, where the server runs it: over a room holding this
 * repository's own TypeScript (server/ and lib/, a few hundred files), at positions right after a `.`
 * followed by a member name in those files. The time is taken inside the worker (what the deadline is set
 * against) and around the round trip from the main thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SemanticThread } from '../../server/ai/semantic/semantic-thread';
import type { BenchContext } from './part';
import { repoRoot } from './servers';
import { measured, single, summarize, type Figure } from './stats';

function ownFiles(): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(entry.name)) out.push({ path: rel, text: fs.readFileSync(path.join(repoRoot, rel), 'utf8') });
    }
  };
  for (const dir of ['server', 'lib']) walk(dir);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Every `count`-th member access in the files, so the sample spreads over the whole tree. */
function memberPositions(files: Array<{ path: string; text: string }>, count: number) {
  const all = files.flatMap((file) =>
    [...file.text.matchAll(/[\w)\]]\.(?=[A-Za-z_$])/g)].map((m) => {
      const cut = m.index! + 2;
      const lineEnd = file.text.indexOf('\n', cut);
      return { path: file.path, prefix: file.text.slice(0, cut), suffix: lineEnd === -1 ? '' : file.text.slice(lineEnd) };
    }),
  );
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

export async function workerTimes(context: BenchContext): Promise<Figure[]> {
  const files = ownFiles();
  const thread = new SemanticThread();
  // The worker never holds the process open (the server's sockets do): here nothing else would.
  const keepAlive = setInterval(() => undefined, 1_000);
  try {
    const warmStarted = performance.now();
    await thread.warm();
    const warmMs = performance.now() - warmStarted;
    thread.attach('repo', (mirror) => files.forEach((f) => mirror.set(f.path, f.text)));
    const list = memberPositions(files, context.options.positions);
    const firstStarted = performance.now();
    await thread.view({ room: 'repo', ...list[0]! });
    const firstMs = performance.now() - firstStarted;
    const inWorker: number[] = [];
    const roundTrip: number[] = [];
    let named = 0;
    for (const position of list.slice(1)) {
      const started = performance.now();
      const { view, ms } = await thread.view({ room: 'repo', ...position });
      roundTrip.push(performance.now() - started);
      inWorker.push(ms);
      if (view.names.length > 0) named++;
    }
    context.log(`language service: ${files.length} files, warm ${Math.round(warmMs)} ms, first question ${Math.round(firstMs)} ms`);
    const note = `${files.length} files of this repository in one room; members named at ${Math.round((named / Math.max(1, inWorker.length)) * 100)}% of positions`;
    return [
      single('engine', 'language service: standard library program built (worker start)', 'ms', Math.round(warmMs)),
      single('engine', 'language service: first question in a room', 'ms', Math.round(firstMs), { note }),
      measured('engine', 'language service: member completion in the worker', 'ms', summarize(inWorker), { note }),
      measured('engine', 'language service: member completion, round trip from the main thread', 'ms', summarize(roundTrip)),
    ];
  } finally {
    clearInterval(keepAlive);
    await thread.close();
  }
}
