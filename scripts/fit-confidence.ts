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
 * The recalled line's model (recall-confidence.ts) is fitted on the same positions where a line is recalled
 * (label: the recalled line is the rest of the line exactly), and its threshold per kind is the one whose
 * final answer (the recalled line above it, else the gated n-grams) accepts the most correct characters at
 * TUNING_PRECISION, again on the tuning half. The whole-line chooser's model (line-choice.ts) is fitted on
 * every candidate line of every position (label: the candidate is the rest of the line exactly), and its
 * threshold is searched with the other two for the most exact lines at TUNING_PRECISION that accept no
 * fewer characters than the two gates alone. The test half is never read here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { commonPrefix, firstLine, score } from '../bench/lib/completion-score';
import { heldOutFiles, positions, split, type Position } from '../bench/lib/held-out';
import { FEATURES, runningConfidence, stepFeatures, type ConfidenceModel } from '../server/ai/embedded/confidence';
import type { DecodeStep } from '../server/ai/embedded/decode';
import { decodedLine, EmbeddedEngine } from '../server/ai/embedded/embedded-engine';
import { LINE_CHOICE_FEATURES, lineChoiceFeatures, lineChoiceProbability, type LineCandidate, type LineChoiceModel } from '../server/ai/embedded/line-choice';
import type { RecalledLine } from '../server/ai/embedded/line-recall';
import { RECALL_FEATURES, recallFeatures, recallProbability, type RecallModel } from '../server/ai/embedded/recall-confidence';

/**
 * Precision the threshold must keep on the tuning half. Above the 60 % goal: the test half is other files,
 * and a threshold fitted to the edge of one half lands on either side of it on the other.
 */
const TUNING_PRECISION = 62;
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
  recalled: RecalledLine | null;
  candidates: LineCandidate[];
}
const samples: Sample[] = [];
for (const kind of ['line', 'mid'] as const) {
  for (const position of positions(tuning, Number.POSITIVE_INFINITY, kind, kind === 'line' ? 11 : 12)) {
    const { file, prefix, suffix } = position;
    const { steps, recalled, candidates } = engine.lineEvidence({ room: file.pkg, path: file.path, prefix, suffix, multiline: true, maxTokens: MAX_TOKENS });
    samples.push({ position, steps, recalled, candidates });
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
function fitLogistic(x: number[][], y: number[], d: number): number[] {
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

const weights = fitLogistic(rows, labels, FEATURES.length);
const model: ConfidenceModel = { features: [...FEATURES], weights: weights.map((w) => Math.round(w * 1e4) / 1e4), threshold: { line: 0, mid: 0 } };

// The recalled line's model, on the positions where some line is recalled.
const recallFeaturesOf = ({ position, steps, recalled }: Sample) => recallFeatures(recalled!, position.kind, decodedLine(steps));
const recalledSamples = samples.filter((s) => s.recalled !== null);
const recallRight = ({ position, recalled }: Sample) => (recalled!.text.trimEnd() === position.expected ? 1 : 0);
const recallWeights = fitLogistic(recalledSamples.map(recallFeaturesOf), recalledSamples.map(recallRight), RECALL_FEATURES.length);
const recallModel: RecallModel = { features: [...RECALL_FEATURES], weights: recallWeights.map((w) => Math.round(w * 1e4) / 1e4), threshold: { line: 1.01, mid: 1.01 } };
// The line chooser's model, on every candidate line; the recalled line's chance and the token gate's
// confidence are the models' just fitted, so the fit never reads the JSON files it writes.
for (const s of samples) {
  const confidence = runningConfidence(s.steps, s.position.kind, model);
  for (const c of s.candidates) {
    if (c.recall !== null) c.recall = recallProbability(recallFeaturesOf(s), recallModel);
    c.gateConfidence = c.agreedSteps > 0 ? confidence[c.agreedSteps - 1]! : 0;
  }
}
const choiceRows = samples.flatMap((s) => s.candidates.map((c) => lineChoiceFeatures(c, s.position.kind)));
const choiceLabels = samples.flatMap((s) => s.candidates.map((c) => (c.text === s.position.expected ? 1 : 0)));
const choiceWeights = fitLogistic(choiceRows, choiceLabels, LINE_CHOICE_FEATURES.length);
const choiceModel: LineChoiceModel = { features: [...LINE_CHOICE_FEATURES], weights: choiceWeights.map((w) => Math.round(w * 1e4) / 1e4), threshold: { line: 1.01, mid: 1.01 } };
console.log(`${choiceRows.length} candidate lines (${choiceLabels.filter((l) => l === 1).length} right)`);
console.log(`${samples.length} positions, ${rows.length} tokens (${labels.filter((l) => l === 1).length} right); a line recalled at ${recalledSamples.length} (${recalledSamples.filter((s) => recallRight(s)).length} right)`);

/** What a shown text scores against a position, in the parts score() adds up. */
function tally(position: Position, text: string): { chars: number; accepted: number; exact: number } {
  const first = firstLine(text);
  return { chars: first.length, accepted: commonPrefix(first, position.expected), exact: first.length > 0 && first === position.expected ? 1 : 0 };
}
/** The shown text under `threshold`, as confidence.ts cuts it, from the steps' running confidence. */
function cut(steps: DecodeStep[], confidence: number[], threshold: number): string {
  let text = '';
  let i = 0;
  for (; i < steps.length && confidence[i]! >= threshold; i++) text += steps[i]!.text;
  return i < steps.length ? text.trimEnd() : text;
}
const percent = (part: number, whole: number) => Math.round((part / Math.max(1, whole)) * 1000) / 10;
const grid = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

// Per kind, the three thresholds: the chosen whole line where its chance is at least the choice threshold,
// else the recalled line where its chance is at least the recall threshold, else the n-grams cut at theirs.
// A threshold above 1 never passes. Searched two at a time: first gate and recall with no chooser, for the
// most characters accepted at TUNING_PRECISION; then twice round each pair with the third fixed, for the
// most lines predicted exactly at TUNING_PRECISION with no fewer characters accepted than without it.
const never = 1.01;
for (const kind of ['line', 'mid'] as const) {
  const own = samples.filter((s) => s.position.kind === kind);
  const expectedChars = own.reduce((sum, s) => sum + s.position.expected.length, 0);
  const confidence = own.map((s) => runningConfidence(s.steps, kind, model));
  const gatedTallies = grid.map((gate) => own.map((s, i) => tally(s.position, cut(s.steps, confidence[i]!, gate))));
  const recallChance = own.map((s) => (s.recalled ? recallProbability(recallFeaturesOf(s), recallModel) : -1));
  const recalledTally = own.map((s) => (s.recalled ? tally(s.position, s.recalled.text) : null));
  const chosen = own.map((s) => {
    let top: { probability: number; text: string } | null = null;
    for (const c of s.candidates) {
      const probability = lineChoiceProbability(lineChoiceFeatures(c, kind), choiceModel);
      if (!top || probability > top.probability) top = { probability, text: c.text };
    }
    return top ? { probability: top.probability, tally: tally(s.position, top.text) } : null;
  });
  const evaluate = (g: number, recall: number, choice: number) => {
    let chars = 0;
    let accepted = 0;
    let exact = 0;
    let shown = 0;
    own.forEach((_, i) => {
      const line = chosen[i];
      const t = line && line.probability >= choice ? line.tally : recallChance[i]! >= recall ? recalledTally[i]! : gatedTallies[g]![i]!;
      chars += t.chars;
      accepted += t.accepted;
      exact += t.exact;
      if (t.chars > 0) shown++;
    });
    return { accepted: percent(accepted, expectedChars), precision: percent(accepted, chars), exact: percent(exact, own.length), shown: percent(shown, own.length) };
  };
  let best = { g: grid.length - 1, recall: never, choice: never, ...evaluate(grid.length - 1, never, never) };
  let leastAccepted = 0;
  const better = (s: typeof best) => (leastAccepted === 0 ? s.accepted > best.accepted : s.exact > best.exact || (s.exact === best.exact && s.accepted > best.accepted));
  const consider = (g: number, recall: number, choice: number) => {
    const s = { g, recall, choice, ...evaluate(g, recall, choice) };
    if (s.precision >= TUNING_PRECISION && s.accepted >= leastAccepted && better(s)) best = s;
  };
  const thresholds = [...grid, never];
  for (let g = 0; g < grid.length; g++) for (const recall of thresholds) consider(g, recall, never);
  const withoutChooser = { ...best };
  // The chooser must not cost accepted characters: it may only turn likely starts of lines into whole ones.
  leastAccepted = best.accepted;
  for (let round = 0; round < 2; round++) {
    for (let g = 0; g < grid.length; g++) for (const choice of thresholds) consider(g, best.recall, choice);
    for (const recall of thresholds) for (const choice of thresholds) consider(best.g, recall, choice);
    for (let g = 0; g < grid.length; g++) for (const recall of thresholds) consider(g, recall, best.choice);
  }
  model.threshold[kind] = grid[best.g]!;
  recallModel.threshold[kind] = best.recall;
  choiceModel.threshold[kind] = best.choice;
  const ungated = score(own.map((s) => s.position), own.map((s, i) => cut(s.steps, confidence[i]!, 0)));
  console.log(
    `${kind}: gate ${grid[best.g]}, recall ${best.recall}, chooser ${best.choice}: shown ${best.shown} %, exact ${best.exact} %, accepted ${best.accepted} %, precision ${best.precision} % ` +
      `(without the chooser: exact ${withoutChooser.exact} %, accepted ${withoutChooser.accepted} %; n-grams ungated: shown ${ungated.shown} %, accepted ${ungated.accepted} %, precision ${ungated.precision} %), tuning half`,
  );
}

for (const [file, fitted] of [['confidence-model.json', model], ['recall-confidence-model.json', recallModel], ['line-choice-model.json', choiceModel]] as const) {
  const out = path.join(root, 'server/ai/embedded', file);
  fs.writeFileSync(out, `${JSON.stringify(fitted, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, out)}`);
}
