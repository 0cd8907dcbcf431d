/**
 * Whether a recalled line (line-recall.ts) is likely the right rest of the line: a second small logistic
 * model over the recall's evidence (its share and score, how much of it is a line that followed the same
 * previous lines rather than one starting with the typed text, how much is this file's, how long the line
 * is) and whether the n-gram decoder, on its own, writes the same text. Shown only above the position
 * kind's threshold; otherwise the gated n-gram answer is. Weights and thresholds are fitted on the tuning
 * half by scripts/fit-confidence.ts (recall-confidence-model.json), beside the token gate.
 */
import type { PositionKind } from './confidence';
import type { RecalledLine } from './line-recall';
import fitted from './recall-confidence-model.json' with { type: 'json' };

export interface RecallModel {
  /** The feature names, in the order of `weights`: the JSON is checked against RECALL_FEATURES when loaded. */
  features: string[];
  weights: number[];
  /** Per position kind, the least probability of the recalled line being right for it to be shown. */
  threshold: Record<PositionKind, number>;
}

/** What the model reads of a recalled line; each has its own weight per position kind. */
const EVIDENCE = [
  'bias',
  'share',
  'unanimous',
  'logScore',
  'previousPart',
  'twoBeforePart',
  'typedPart',
  'filePart',
  'logLength',
  'logTyped',
  'ngramAgrees',
  'ngramAgreedPart',
  'margin',
  'logCandidates',
] as const;

export const RECALL_FEATURES = (['line', 'mid'] as const).flatMap((kind) => EVIDENCE.map((name) => `${kind}.${name}`));

/**
 * The model's inputs for a recalled line: the evidence in the slots of `kind`, zeros in the other's.
 * `decoded` is the n-gram decoder's ungated first line at the same cursor.
 */
export function recallFeatures(line: RecalledLine, kind: PositionKind, decoded: string): number[] {
  const { evidence } = line;
  const part = (amount: number) => amount / Math.max(evidence.score, 1e-9);
  const agreed = commonPrefixLength(line.text, decoded);
  const values: Record<(typeof EVIDENCE)[number], number> = {
    bias: 1,
    share: line.share,
    unanimous: line.share === 1 ? 1 : 0,
    logScore: Math.log1p(line.score),
    previousPart: part(evidence.previous),
    twoBeforePart: part(evidence.twoBefore),
    typedPart: part(evidence.typed),
    filePart: part(evidence.file),
    logLength: Math.log1p(line.text.length),
    logTyped: Math.log1p(line.typedChars),
    ngramAgrees: line.text.length > 0 && agreed === line.text.length ? 1 : 0,
    ngramAgreedPart: agreed / Math.max(1, line.text.length),
    margin: (line.score - line.runnerUp) / Math.max(line.score, 1e-9),
    logCandidates: Math.log1p(line.candidates),
  };
  const own = EVIDENCE.map((name) => values[name]);
  const none = EVIDENCE.map(() => 0);
  return kind === 'line' ? [...own, ...none] : [...none, ...own];
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function checked(model: RecallModel): RecallModel {
  if (model.features.join() !== RECALL_FEATURES.join() || model.weights.length !== RECALL_FEATURES.length) {
    throw new Error('recall-confidence-model.json was fitted for other features: run scripts/fit-confidence.ts');
  }
  return model;
}

export const FITTED_RECALL_MODEL: RecallModel = checked(fitted as RecallModel);

/** The probability that the recalled line is the right rest of the line. */
export function recallProbability(features: number[], model: RecallModel = FITTED_RECALL_MODEL): number {
  let z = 0;
  for (let k = 0; k < features.length; k++) z += model.weights[k]! * features[k]!;
  return 1 / (1 + Math.exp(-z));
}
