/**
 * Fits the embedded engine's confidence gate (server/ai/embedded/confidence.ts) and writes its weights and
 * thresholds to server/ai/embedded/confidence-model.json. `npx tsx scripts/fit-confidence.ts` after a change
 * to the decoder or to the gate's features; commit the JSON with it.
 *
 * Only the tuning half of the held-out files is read (bench/lib/held-out.ts): each package's tuning files
 * are one room, and every line of them is a position of both kinds, as the benchmark samples them. For
 * each emitted token of the suggestion's first line the label is whether the suggestion is still right
 * after it; tokens after the first wrong one are left out (and those that add no characters), so the model learns the probability of a token
 * being right given that the ones before it were. Then, per position kind, the threshold is the one that
 * accepts the most correct characters while the precision on the tuning half stays at TUNING_PRECISION.
 */
import fs from 'node:fs';
import path from 'node:path';
import { score } from '../bench/lib/completion-score';
import { heldOutFiles, positions, split, type Position, type PositionKind } from '../bench/lib/held-out';
import { FEATURES, runningConfidence, stepFeatures, type ConfidenceModel } from '../server/ai/embedded/confidence';
import type { DecodeStep } from '../server/ai/embedded/decode';
import { EmbeddedEngine } from '../server/ai/embedded/embedded-engine';

/**
 * Precision the threshold must keep on the tuning half. Above the 60 % goal: the test half is other files,
 * and a threshold fitted to the edge of one half lands on either side of it on the other.
 */
const TUNING_PRECISION = 66;
/** L2 penalty on the weights (not the bias): keeps rare features from taking extreme values. */
const L2 = 1;
const MAX_TOKENS = 48;

const root = path.resolve(import.meta.dirname, '..');
const engine = new EmbeddedEngine({ corpusBytes: 64 * 1024 * 1024, nodeModules: path.join(root, 'node_modules') });
await engine.load();
const { tuning } = split(heldOutFiles());
for (const file of tuning) engine.room(file.pkg).set(file.path, file.text);

interface Sample {
  position: Position;
  steps: DecodeStep[];
}
const samples: Sample[] = [];
for (const kind of ['line', 'mid'] as const) {
  for (const position of positions(tuning, Number.POSITIVE_INFINITY, kind, kind === 'line' ? 11 : 12)) {
    const { file, prefix, suffix } = position;
    samples.push({ position, steps: engine.steps({ room: file.pkg, path: file.path, prefix, suffix, multiline: true, maxTokens: MAX_TOKENS }) });
  }
}

// Rows: the first-line tokens up to and including the first wrong one.
const rows: number[][] = [];
const labels: number[] = [];
for (const { position, steps } of samples) {
  let shown = '';
  for (let i = 0; i < steps.length; i++) {
    const text = steps[i]!.text;
    const newline = text.indexOf('\n');
    if (text === '') continue; // confirms the partial token: adds nothing, and the gate lets it pass
    const right = newline === -1 ? position.expected.startsWith(shown + text) : shown + text.slice(0, newline) === position.expected;
    rows.push(stepFeatures(steps, i, position.kind));
    labels.push(right ? 1 : 0);
    if (!right || newline !== -1) break;
    shown += text;
  }
}

/** Solves a·x = b by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** Penalised logistic regression by Newton's method. */
function fitLogistic(x: number[][], y: number[]): number[] {
  const d = FEATURES.length;
  let w = new Array<number>(d).fill(0);
  for (let iteration = 0; iteration < 30; iteration++) {
    const gradient = w.map((wk, k) => (k === 0 ? 0 : L2 * wk));
    const hessian = w.map((_, k) => w.map((__, j) => (k === j && k !== 0 ? L2 : 0)));
    x.forEach((row, n) => {
      let z = 0;
      for (let k = 0; k < d; k++) z += w[k]! * row[k]!;
      const p = 1 / (1 + Math.exp(-z));
      const s = p * (1 - p);
      for (let k = 0; k < d; k++) {
        if (row[k] === 0) continue;
        gradient[k]! += (p - y[n]!) * row[k]!;
        for (let j = 0; j < d; j++) hessian[k]![j]! += s * row[k]! * row[j]!;
      }
    });
    // A feature no row has (a zero column) keeps its weight at zero.
    for (let k = 0; k < d; k++) hessian[k]![k]! += 1e-9;
    const step = solve(hessian, gradient);
    w = w.map((wk, k) => wk - step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  return w;
}

const weights = fitLogistic(rows, labels);
const model: ConfidenceModel = { features: [...FEATURES], weights: weights.map((w) => Math.round(w * 1e4) / 1e4), threshold: { line: 0, mid: 0 } };

/** The shown text of each sample of `kind` under `threshold`, as confidence.ts cuts it. */
function cutAt(kind: PositionKind, threshold: number): { list: Position[]; texts: string[] } {
  const list: Position[] = [];
  const texts: string[] = [];
  for (const { position, steps } of samples) {
    if (position.kind !== kind) continue;
    const confidence = runningConfidence(steps, kind, model);
    let text = '';
    let i = 0;
    for (; i < steps.length && confidence[i]! >= threshold; i++) text += steps[i]!.text;
    list.push(position);
    texts.push(i < steps.length ? text.trimEnd() : text);
  }
  return { list, texts };
}

for (const kind of ['line', 'mid'] as const) {
  let best = { threshold: 0.99, accepted: -1, precision: 0, shown: 0 };
  for (let t = 0.01; t < 1; t += 0.01) {
    const threshold = Math.round(t * 100) / 100;
    const { list, texts } = cutAt(kind, threshold);
    const s = score(list, texts);
    if (s.precision >= TUNING_PRECISION && s.accepted > best.accepted) best = { threshold, accepted: s.accepted, precision: s.precision, shown: s.shown };
  }
  model.threshold[kind] = best.threshold;
  const before = score(...(Object.values(cutAt(kind, 0)) as [Position[], string[]]));
  console.log(
    `${kind}: threshold ${best.threshold}: shown ${best.shown} %, accepted ${best.accepted} %, precision ${best.precision} % ` +
      `(ungated: shown ${before.shown} %, accepted ${before.accepted} %, precision ${before.precision} %), tuning half`,
  );
}
console.log(`${samples.length} positions, ${rows.length} tokens (${labels.filter((l) => l === 1).length} right)`);
const out = path.join(root, 'server/ai/embedded/confidence-model.json');
fs.writeFileSync(out, `${JSON.stringify(model, null, 2)}\n`);
console.log(`wrote ${path.relative(root, out)}`);
