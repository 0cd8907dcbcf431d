/**
 * Embedded engine quality on held-out source: files of the packages the corpus never
 * reads (EMBEDDED_HELDOUT_PACKAGES). At sampled lines the cursor is put (a) after the line's indentation
 * and (b) mid-line at a word boundary, with the rest of that line removed; the engine sees everything
 * before the cursor, the file after the line, and the package's other files as the session's workspace.
 * The first line of the suggestion is compared with the true text up to the end of the line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EMBEDDED_HELDOUT_PACKAGES, looksHandWritten } from '../../server/ai/embedded/corpus';
import { EmbeddedEngine } from '../../server/ai/embedded/embedded-engine';
import { combine } from '../../server/ai/semantic/combine';
import { cursorContext } from '../../server/ai/semantic/cursor-context';
import { SemanticEngine } from '../../server/ai/semantic/semantic-engine';
import type { Part } from '../lib/part';
import { workerTimes } from '../lib/semantic-worker-times';
import { repoRoot } from '../lib/servers';
import { measured, round, single, summarize, type Figure } from '../lib/stats';

/** Larger than everything the corpus sources hold (about 4.4 MB today): the engine as shipped, whole. */
const CORPUS_BYTES = 64 * 1024 * 1024;
/** Suggestion budget per request, as an editor would ask for a line or a short block. */
const MAX_TOKENS = 48;

interface SourceFile {
  pkg: string;
  path: string;
  text: string;
}

function heldOutFiles(): SourceFile[] {
  const files: SourceFile[] = [];
  for (const pkg of EMBEDDED_HELDOUT_PACKAGES) {
    const root = path.join(repoRoot, 'node_modules', pkg);
    // Hand-written sources only: src/ or lib/ when the package ships them, never dist/ or tests.
    for (const dir of ['src', 'lib']) {
      const full = path.join(root, dir);
      if (!fs.existsSync(full)) continue;
      for (const name of fs.readdirSync(full).sort()) {
        if (!/\.(ts|js)$/.test(name) || /\.(d|test|spec|min)\.[tj]s$/.test(name)) continue;
        const text = fs.readFileSync(path.join(full, name), 'utf8');
        if (looksHandWritten(text)) files.push({ pkg, path: `${pkg}/${dir}/${name}`, text });
      }
    }
  }
  return files;
}

/** A seeded generator, so two runs sample the same positions and their numbers are comparable. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Position {
  file: SourceFile;
  prefix: string;
  suffix: string;
  expected: string;
}

function positions(files: SourceFile[], count: number, kind: 'line' | 'mid'): Position[] {
  const random = mulberry32(kind === 'line' ? 1 : 2);
  const candidates = files.flatMap((file) => {
    const lines = file.text.split('\n');
    let offset = 0;
    return lines.map((line, i) => {
      const start = offset;
      offset += line.length + 1;
      return { file, line, start, index: i };
    }).filter(({ line }) => line.trim().length >= 4);
  });
  const picked: Position[] = [];
  while (picked.length < count && candidates.length) {
    const { file, line, start } = candidates.splice(Math.floor(random() * candidates.length), 1)[0]!;
    const indent = line.length - line.trimStart().length;
    let cut = start + indent;
    if (kind === 'mid') {
      // A word boundary between a quarter and three quarters of the line: where a person pauses.
      const bounds = [...line.matchAll(/\b/g)].map((m) => m.index!).filter((i) => i > indent + 1 && i < line.trimEnd().length - 1);
      if (bounds.length === 0) continue;
      cut = start + bounds[Math.floor(random() * bounds.length)]!;
    }
    const lineEnd = start + line.length;
    picked.push({
      file,
      prefix: file.text.slice(0, cut),
      suffix: file.text.slice(lineEnd),
      expected: file.text.slice(cut, lineEnd).trimEnd(),
    });
  }
  return picked;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** One engine's answer at a position, and the time it took. */
type Completer = (position: Position) => Promise<{ text: string; ms: number }>;

async function evaluate(complete: Completer, list: Position[], label: string): Promise<Figure[]> {
  const times: number[] = [];
  let exact = 0;
  let shown = 0;
  let acceptedChars = 0;
  let shownChars = 0;
  let expectedChars = 0;
  for (const position of list) {
    const { text: completion, ms } = await complete(position);
    times.push(ms);
    const first = completion.split('\n')[0]!.trimEnd();
    expectedChars += position.expected.length;
    if (first.length === 0) continue;
    shown++;
    shownChars += first.length;
    if (first === position.expected) exact++;
    // A person accepts the suggestion up to its first wrong character (word-by-word accept).
    acceptedChars += commonPrefix(first, position.expected);
  }
  const n = list.length;
  return [
    single('engine', `${label}: shown`, '%', round((shown / n) * 100), { samples: n }),
    single('engine', `${label}: exact line match`, '%', round((exact / n) * 100), { samples: n }),
    single('engine', `${label}: accepted characters`, '%', round((acceptedChars / expectedChars) * 100), { samples: n }),
    single('engine', `${label}: precision (correct / shown characters)`, '%', round((acceptedChars / Math.max(1, shownChars)) * 100), { samples: n }),
    measured('engine', `${label}: completion time`, 'ms', summarize(times)),
  ];
}

export const enginePart: Part = {
  name: 'engine',
  summary: 'embedded engine on held-out package sources: exact next-line matches, accepted characters, time',
  async run(context) {
    const engine = new EmbeddedEngine({ corpusBytes: CORPUS_BYTES, nodeModules: path.join(repoRoot, 'node_modules') });
    const stats = await engine.load();
    const files = heldOutFiles();
    context.log(`corpus ${stats.files} files, ${stats.tokens} tokens in ${stats.loadMs} ms; ${files.length} held-out files`);
    // Each package is one room; the engines leave the file being completed out of the room's index.
    const semantic = new SemanticEngine();
    for (const file of files) {
      engine.room(file.pkg).set(file.path, file.text);
      semantic.room(file.pkg).set(file.path, file.text);
    }
    const input = (p: Position) => ({ room: p.file.pkg, path: p.file.path, prefix: p.prefix, suffix: p.suffix, multiline: true, maxTokens: MAX_TOKENS });
    const ngrams: Completer = async (p) => {
      const started = performance.now();
      return { text: engine.complete(input(p)), ms: performance.now() - started };
    };
    // The combination the server runs, in this thread: the time is the language service's own.
    const withService: Completer = async (p) => {
      const started = performance.now();
      const text = engine.complete(input(p));
      if (cursorContext(p.prefix).kind === 'none') return { text, ms: performance.now() - started };
      return { text: combine(semantic.view(input(p)), text), ms: performance.now() - started };
    };
    const n = context.options.positions;
    const figures: Figure[] = [
      single('engine', 'corpus load', 'ms', stats.loadMs, {
        note: `corpus ${stats.files} files, ${round(stats.bytes / 2 ** 20)} MiB, ${stats.tokens} tokens; held out: ${files.length} files of ${EMBEDDED_HELDOUT_PACKAGES.join(', ')}`,
      }),
    ];
    for (const [kind, label] of [['line', 'next line at indent'], ['mid', 'rest of line mid-line']] as const) {
      const list = positions(files, n, kind);
      figures.push(...(await evaluate(ngrams, list, `${label}, n-grams`)), ...(await evaluate(withService, list, `${label}, n-grams + language service`)));
    }
    // Most held-out files are JavaScript without types, where the service knows least: the TypeScript ones alone.
    const typed = positions(files.filter((f) => f.path.endsWith('.ts')), n, 'mid');
    figures.push(...(await evaluate(ngrams, typed, 'mid-line in .ts files, n-grams')), ...(await evaluate(withService, typed, 'mid-line in .ts files, n-grams + language service')));
    figures.push(...(await workerTimes(context)));
    return figures;
  },
};
