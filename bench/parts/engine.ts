/**
 * Embedded engine quality on held-out source: files of the packages the corpus never reads, split by file
 * into a tuning half and a test half (bench/lib/held-out.ts). Every quality figure here is measured on the
 * test half only, so anything fitted to the engine (thresholds, weights) is fitted on the tuning half and
 * never on what is reported. At sampled lines the cursor is put (a) after the line's indentation and (b)
 * mid-line at a word boundary, with the rest of that line removed; the engine sees everything before the
 * cursor, the file after the line, and the package's other files as the session's workspace. The first
 * line of the suggestion is compared with the true rest of the line. Each exact and precision row's note
 * gives the previous engine's figure on the same positions (engine-previous.json).
 */
import path from 'node:path';
import { EMBEDDED_HELDOUT_PACKAGES } from '../../server/ai/embedded/corpus';
import { EmbeddedEngine, type EmbeddedInput } from '../../server/ai/embedded/embedded-engine';
import { SemanticCompleter } from '../../server/ai/semantic/semantic-completer';
import { SemanticEngine } from '../../server/ai/semantic/semantic-engine';
import { score, type Score } from '../lib/completion-score';
import { heldOutFiles, positions, split, type Position } from '../lib/held-out';
import type { Part } from '../lib/part';
import { workerTimes } from '../lib/semantic-worker-times';
import { repoRoot } from '../lib/servers';
import { measured, round, single, summarize, type Figure } from '../lib/stats';
import previous from './engine-previous.json' with { type: 'json' };

/** Larger than everything the corpus sources hold (about 4.4 MB today): the engine as shipped, whole. */
const CORPUS_BYTES = 64 * 1024 * 1024;
/** Suggestion budget per request, as an editor would ask for a line or a short block. */
const MAX_TOKENS = 48;

type Kind = 'line' | 'mid';
const GOALS: Record<Kind, { exact: number; precision: number }> = {
  line: { exact: 12, precision: 60 },
  mid: { exact: 30, precision: 60 },
};

function figures(label: string, s: Score, ms: number[], goal: { exact: number; precision: number } | null, before: Score): Figure[] {
  const was = (value: number) => ({ samples: s.positions, note: `previous engine ${value} %` });
  return [
    single('engine', `${label}: shown`, '%', s.shown, { samples: s.positions }),
    single('engine', `${label}: exact line match`, '%', s.exact, {
      ...was(before.exact),
      ...(goal ? { goal: { text: `>= ${goal.exact} %`, met: s.exact >= goal.exact } } : {}),
    }),
    single('engine', `${label}: accepted characters`, '%', s.accepted, { samples: s.positions }),
    single('engine', `${label}: precision (correct / shown characters)`, '%', s.precision, {
      ...was(before.precision),
      ...(goal ? { goal: { text: `>= ${goal.precision} %`, met: s.precision >= goal.precision } } : {}),
    }),
    measured('engine', `${label}: completion time`, 'ms', summarize(ms)),
  ];
}

export const enginePart: Part = {
  name: 'engine',
  summary: 'embedded engine on held-out package sources (test half): exact lines, precision, time, beside the previous engine',
  async run(context) {
    const engine = new EmbeddedEngine({ corpusBytes: CORPUS_BYTES, nodeModules: path.join(repoRoot, 'node_modules') });
    const stats = await engine.load();
    const files = heldOutFiles();
    const halves = split(files);
    context.log(`corpus ${stats.files} files, ${stats.tokens} tokens in ${stats.loadMs} ms; held out: ${halves.tuning.length} tuning + ${halves.test.length} test files`);
    // Each package is one room; the engines leave the file being completed out of the room's index.
    const semantic = new SemanticEngine();
    for (const file of files) {
      engine.room(file.pkg).set(file.path, file.text);
      semantic.room(file.pkg).set(file.path, file.text);
    }
    const input = (p: Position): EmbeddedInput => ({ room: p.file.pkg, path: p.file.path, prefix: p.prefix, suffix: p.suffix, multiline: true, maxTokens: MAX_TOKENS });
    // The combination the server runs, in this thread: the time is the language service's own.
    const completer = new SemanticCompleter(engine, { view: async (i) => ({ view: semantic.view(i) }) }, 60_000);
    const timed = async (list: Position[], complete: (p: Position) => string | Promise<string>) => {
      const texts: string[] = [];
      const ms: number[] = [];
      for (const p of list) {
        const started = performance.now();
        texts.push(await complete(p));
        ms.push(performance.now() - started);
      }
      return { s: score(list, texts), ms };
    };
    const n = context.options.positions;
    const out: Figure[] = [
      single('engine', 'corpus load', 'ms', stats.loadMs, {
        note: `corpus ${stats.files} files, ${round(stats.bytes / 2 ** 20)} MiB, ${stats.tokens} tokens; held out: ${files.length} files of ${EMBEDDED_HELDOUT_PACKAGES.join(', ')} (${halves.test.length} in the test half measured here)`,
      }),
    ];
    const sets: Array<[string, keyof typeof previous.figures, Kind, Position[]]> = [
      ['next line at indent', 'line', 'line', positions(halves.test, n, 'line')],
      ['rest of line mid-line', 'mid', 'mid', positions(halves.test, n, 'mid')],
      // Most held-out files are JavaScript without types, where the service knows least: the TypeScript ones alone.
      ['mid-line in .ts files', 'mid-ts', 'mid', positions(halves.test.filter((f) => f.path.endsWith('.ts')), n, 'mid')],
    ];
    for (const [label, key, kind, list] of sets) {
      const ngrams = await timed(list, (p) => engine.complete(input(p)));
      const service = await timed(list, (p) => completer.complete(input(p)));
      const before = previous.figures[key];
      out.push(...figures(`${label}, n-grams`, ngrams.s, ngrams.ms, null, before.ngrams));
      out.push(...figures(`${label}, n-grams + language service`, service.s, service.ms, key === 'mid-ts' ? null : GOALS[kind], before.service));
    }
    out.push(...(await workerTimes(context)));
    return out;
  },
};
