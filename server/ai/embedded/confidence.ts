/**
 * How likely a suggestion is to be right, token by token, and where to cut it. Each token the decoder
 * emits carries its evidence (decode.ts: the context length that decided, how often it was seen, the
 * winner's share, how much of it came from the room's own text); a logistic model turns that evidence into
 * the probability that the token is right given that the ones before it were. Their running product is the
 * probability that the suggestion so far is right, and the suggestion stops at the first token where it
 * falls below the position's threshold: a person is shown the likely-right part, or nothing.
 * Whether a token finishes a word being typed is no feature: the held-out positions are all at word
 * boundaries, where finishing the last word is nearly always wrong, and a person typing mid-word is not.
 * The weights and thresholds are fitted on held-out files by scripts/fit-confidence.ts
 * (confidence-model.json); precision counts characters, so a short right suggestion beats a long wrong one.
 */
import type { DecodeStep } from './decode';
import fitted from './confidence-model.json' with { type: 'json' };

/** Where the cursor is: just after a line's indentation, or inside a line. */
export type PositionKind = 'line' | 'mid';

export interface ConfidenceModel {
  /** The feature names, in the order of `weights`: the JSON is checked against FEATURES when loaded. */
  features: string[];
  weights: number[];
  /** Per position kind, the least probability of the text so far being right for a token to be shown. */
  threshold: Record<PositionKind, number>;
}

export function positionKind(prefix: string): PositionKind {
  return /(^|\n)[ \t]*$/.test(prefix) ? 'line' : 'mid';
}

function tokenClass(text: string): 'newline' | 'blank' | 'word' | 'number' | 'quote' | 'open' | 'close' | 'other' {
  if (text.includes('\n')) return 'newline';
  if (/^[ \t]+$/.test(text)) return 'blank';
  if (/^[A-Za-z_$]/.test(text)) return 'word';
  if (/^\d/.test(text)) return 'number';
  if (/^["'`]/.test(text)) return 'quote';
  if (/^[([{<]/.test(text)) return 'open';
  if (/^[)\]}>]/.test(text)) return 'close';
  return 'other';
}

/** The model's inputs for the step at `i`, given the steps before it. Names match FEATURES. */
function featureValues(steps: DecodeStep[], i: number, kind: PositionKind): Record<(typeof FEATURES)[number], number> {
  const step = steps[i]!;
  let repeat = 0;
  for (let j = i - 1; j >= 0 && steps[j]!.order === 8; j--) repeat++;
  let charsBefore = 0;
  for (let j = 0; j < i; j++) charsBefore += steps[j]!.text.length;
  const room = step.file + step.workspace;
  const cls = tokenClass(step.text);
  return {
    bias: 1,
    order1: step.order === 1 ? 1 : 0,
    order2: step.order === 2 ? 1 : 0,
    order3: step.order === 3 ? 1 : 0,
    order4: step.order === 4 ? 1 : 0,
    order6: step.order === 6 ? 1 : 0,
    logSeen: Math.log1p(step.seen),
    share: step.share,
    unanimous: step.share === 1 ? 1 : 0,
    file: step.file,
    workspace: step.workspace,
    longRepeatOfRoom: step.order >= 6 ? room : 0,
    logRoomRepeat: Math.log1p(step.roomRepeat),
    logCorpusRepeat: Math.log1p(step.corpusRepeat),
    roomRepeat12: step.roomRepeat >= 12 ? 1 : 0,
    roomRepeat16: step.roomRepeat >= 16 ? 1 : 0,
    roomRepeat32: step.roomRepeat >= 32 ? 1 : 0,
    repeatRun: Math.log1p(repeat),
    firstStep: i === 0 ? 1 : 0,
    logStep: Math.log1p(i),
    logCharsBefore: Math.log1p(charsBefore),
    lineStart: kind === 'line' ? 1 : 0,
    lineStartFirstStep: kind === 'line' && i === 0 ? 1 : 0,
    newline: cls === 'newline' ? 1 : 0,
    blank: cls === 'blank' ? 1 : 0,
    word: cls === 'word' ? 1 : 0,
    number: cls === 'number' ? 1 : 0,
    quote: cls === 'quote' ? 1 : 0,
    open: cls === 'open' ? 1 : 0,
    close: cls === 'close' ? 1 : 0,
    // A name is where a repeat most often goes its own way; how long the repeat is tells most.
    wordRoomRepeat: cls === 'word' ? Math.log1p(step.roomRepeat) : 0,
    wordCorpusRepeat: cls === 'word' ? Math.log1p(step.corpusRepeat) : 0,
    wordShare: cls === 'word' ? step.share : 0,
    wordLogSeen: cls === 'word' ? Math.log1p(step.seen) : 0,
    shortShare: step.shortShare ?? 0,
    shortSilent: step.shortShare === null ? 1 : 0,
    logShortSeen: Math.log1p(step.shortSeen),
    wordShortShare: cls === 'word' ? (step.shortShare ?? 0) : 0,
  };
}

export const FEATURES = [
  'bias',
  'order1',
  'order2',
  'order3',
  'order4',
  'order6',
  'logSeen',
  'share',
  'unanimous',
  'file',
  'workspace',
  'longRepeatOfRoom',
  'logRoomRepeat',
  'logCorpusRepeat',
  'roomRepeat12',
  'roomRepeat16',
  'roomRepeat32',
  'repeatRun',
  'firstStep',
  'logStep',
  'logCharsBefore',
  'lineStart',
  'lineStartFirstStep',
  'newline',
  'blank',
  'word',
  'number',
  'quote',
  'open',
  'close',
  'wordRoomRepeat',
  'wordCorpusRepeat',
  'wordShare',
  'wordLogSeen',
  'shortShare',
  'shortSilent',
  'logShortSeen',
  'wordShortShare',
] as const;

export function stepFeatures(steps: DecodeStep[], i: number, kind: PositionKind): number[] {
  const values = featureValues(steps, i, kind);
  return FEATURES.map((name) => values[name]);
}

function checked(model: ConfidenceModel): ConfidenceModel {
  if (model.features.join() !== FEATURES.join() || model.weights.length !== FEATURES.length) {
    throw new Error('confidence-model.json was fitted for other features: run scripts/fit-confidence.ts');
  }
  return model;
}

export const FITTED_MODEL: ConfidenceModel = checked(fitted as ConfidenceModel);

/** The probability that step `i` is right when every step before it is. */
export function stepProbability(model: ConfidenceModel, features: number[]): number {
  let z = 0;
  for (let k = 0; k < features.length; k++) z += model.weights[k]! * features[k]!;
  return 1 / (1 + Math.exp(-z));
}

/** For each step, the probability that the suggestion up to and including it is right. */
export function runningConfidence(steps: DecodeStep[], kind: PositionKind, model: ConfidenceModel = FITTED_MODEL): number[] {
  let p = 1;
  // A step that only confirms the partial token adds no characters, so it cannot be wrong.
  return steps.map((step, i) => (step.text === '' ? p : (p *= stepProbability(model, stepFeatures(steps, i, kind)))));
}

/** The steps' text up to the first one whose running confidence is below the threshold. */
export function confidentPart(steps: DecodeStep[], kind: PositionKind, model: ConfidenceModel = FITTED_MODEL, threshold = model.threshold[kind]): string {
  const confidence = runningConfidence(steps, kind, model);
  let out = '';
  for (let i = 0; i < steps.length; i++) {
    // Blanks at the cut would show as nothing but still be inserted on Tab.
    if (confidence[i]! < threshold) return out.trimEnd();
    out += steps[i]!.text;
  }
  return out;
}
