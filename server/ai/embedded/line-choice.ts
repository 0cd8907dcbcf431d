/**
 * Picks one whole rest-of-line among the candidates for the cursor's line: the lines the n-gram beam
 * finished (line-beam.ts) and the recalled line (line-recall.ts). A small logistic model, fitted on the
 * tuning half by scripts/fit-confidence.ts (line-choice-model.json), gives each candidate the probability
 * that it is the rest of the line exactly, from the beam's evidence (its log-probability, the weakest
 * token, how far it is behind the beam's best), the recall's (the recall gate's own probability), whether
 * the two and the greedy decoder agree, and the line's shape (its length, unclosed brackets). The likeliest
 * candidate is shown whole when it clears the position kind's threshold; otherwise the engine falls back
 * to the recall gate and the token gate, which may show the likely-right start of a line.
 */
import type { PositionKind } from './confidence';
import type { BeamLine } from './line-beam';
import fitted from './line-choice-model.json' with { type: 'json' };

export interface LineChoiceModel {
  /** The feature names, in the order of `weights`: the JSON is checked against LINE_CHOICE_FEATURES when loaded. */
  features: string[];
  weights: number[];
  /** Per position kind, the least probability of the chosen line being right for it to be shown. */
  threshold: Record<PositionKind, number>;
}

/** One candidate rest of line and what speaks for it. */
export interface LineCandidate {
  text: string;
  /** The beam's line, when the beam finished this text. */
  beam: BeamLine | null;
  /** The beam's best line's log-probability and how many lines it finished. */
  beamBest: number;
  beamLines: number;
  /** The recall gate's probability for this text, when it is the recalled line. */
  recall: number | null;
  /** Its share of line recall's evidence, when recall proposed it (the recalled line or a runner-up). */
  recallShare: number | null;
  /** The greedy decoder's ungated first line is this text. */
  greedy: boolean;
  /**
   * How many of the greedy decoder's first tokens it begins with, and the token gate's running confidence
   * after the last of them (0 when it begins with none): how far the gate would trust the same start.
   */
  agreedSteps: number;
  gateConfidence: number;
  /** How often the whole line (what is typed, then this text) occurs in this file, and in the room's other files. */
  inFile: number;
  inRoom: number;
  /** What is typed on the line before the cursor (indentation removed). */
  typed: string;
}

/** What the candidates at one cursor are weighed against. */
export interface CandidateContext {
  /** The greedy decoder's ungated first line; its tokens' texts and the gate's running confidence after each. */
  greedy: string;
  greedyTokens: string[];
  confidence: number[];
  typed: string;
  /** Text after the cursor on its line. */
  ahead: string;
  /** Occurrences of a trimmed line in this file, and in the room's other files. */
  occurrences(line: string): number;
  roomOccurrences(line: string): number;
}

const EVIDENCE = [
  'bias',
  'fromBeam',
  'logProb',
  'gap',
  'minShare',
  'shortContext',
  'longContext',
  'logMinSeen',
  'logBeamLines',
  'fromRecall',
  'recall',
  'beamAndRecall',
  'recallShare',
  'recallRunnerUp',
  'greedy',
  'gateConfidence',
  'agreedPart',
  'logInFile',
  'logInRoom',
  'logLength',
  'logTyped',
  'unclosed',
] as const;

export const LINE_CHOICE_FEATURES = (['line', 'mid'] as const).flatMap((kind) => EVIDENCE.map((name) => `${kind}.${name}`));

/** Round and square brackets the line opens and does not close; a block's `{` may stay open. */
function unclosed(line: string): number {
  let depth = 0;
  for (const c of line) {
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
  }
  return depth === 0 ? 0 : 1;
}

/** The model's inputs for a candidate: the evidence in the slots of `kind`, zeros in the other's. */
export function lineChoiceFeatures(candidate: LineCandidate, kind: PositionKind): number[] {
  const { beam } = candidate;
  const values: Record<(typeof EVIDENCE)[number], number> = {
    bias: 1,
    fromBeam: beam ? 1 : 0,
    logProb: beam ? beam.logProb : 0,
    gap: beam ? beam.logProb - candidate.beamBest : 0,
    minShare: beam ? beam.minShare : 0,
    shortContext: beam && beam.minOrder <= 2 ? 1 : 0,
    longContext: beam && beam.minOrder >= 6 ? 1 : 0,
    logMinSeen: beam ? Math.log1p(beam.minSeen) : 0,
    logBeamLines: Math.log1p(candidate.beamLines),
    fromRecall: candidate.recall === null ? 0 : 1,
    recall: candidate.recall ?? 0,
    beamAndRecall: beam && candidate.recallShare !== null ? 1 : 0,
    recallShare: candidate.recallShare ?? 0,
    recallRunnerUp: candidate.recallShare !== null && candidate.recall === null ? 1 : 0,
    greedy: candidate.greedy ? 1 : 0,
    gateConfidence: candidate.gateConfidence,
    agreedPart: Math.min(1, candidate.agreedSteps / Math.max(1, candidate.beam?.tokens ?? candidate.agreedSteps)),
    logInFile: Math.log1p(candidate.inFile),
    logInRoom: Math.log1p(candidate.inRoom),
    logLength: Math.log1p(candidate.text.length),
    logTyped: Math.log1p(candidate.typed.length),
    unclosed: unclosed(candidate.typed + candidate.text),
  };
  const own = EVIDENCE.map((name) => values[name]);
  const none = EVIDENCE.map(() => 0);
  return kind === 'line' ? [...own, ...none] : [...none, ...own];
}

/** The recalled line as the chooser weighs it: its text and gate probability, and its runners-up. */
export interface RecalledCandidates {
  text: string;
  probability: number;
  share: number;
  alternatives: Array<{ text: string; share: number }>;
}

/**
 * The candidates at a cursor, each text once: the beam's lines, the recalled line and its runners-up.
 * With text after the cursor on its line (`ahead`, a closing `)` typed already), a beam line must hold it
 * and is cut before it, as recalled lines are.
 */
export function lineCandidates(beam: BeamLine[], recalled: RecalledCandidates | null, context: CandidateContext): LineCandidate[] {
  const { ahead, typed } = context;
  const candidates = new Map<string, LineCandidate>();
  const add = (text: string): LineCandidate | null => {
    if (!text) return null;
    let candidate = candidates.get(text);
    if (!candidate) {
      const whole = (typed + text).trim();
      candidate = {
        text,
        beam: null,
        beamBest: beam[0]?.logProb ?? 0,
        beamLines: beam.length,
        recall: null,
        recallShare: null,
        greedy: text === context.greedy,
        ...agreement(text, context),
        inFile: context.occurrences(whole),
        inRoom: context.roomOccurrences(whole),
        typed,
      };
      candidates.set(text, candidate);
    }
    return candidate;
  };
  for (const line of beam) {
    const candidate = add(ahead ? line.text.slice(0, Math.max(0, line.text.lastIndexOf(ahead))).trimEnd() : line.text);
    if (candidate && !candidate.beam) candidate.beam = line;
  }
  if (recalled) {
    const best = add(recalled.text.trimEnd());
    if (best) Object.assign(best, { recall: recalled.probability, recallShare: recalled.share });
    for (const { text, share } of recalled.alternatives) {
      const candidate = add(text.trimEnd());
      if (candidate && candidate.recallShare === null) candidate.recallShare = share;
    }
  }
  return [...candidates.values()];
}

/** How many of the greedy decoder's first tokens `text` begins with, and the gate's confidence after them. */
function agreement(text: string, context: CandidateContext): { agreedSteps: number; gateConfidence: number } {
  let chars = 0;
  let steps = 0;
  for (const token of context.greedyTokens) {
    if (token.includes('\n') || !text.startsWith(token, chars)) break;
    chars += token.length;
    steps++;
  }
  return { agreedSteps: steps, gateConfidence: steps > 0 ? context.confidence[steps - 1]! : 0 };
}

function checked(model: LineChoiceModel): LineChoiceModel {
  if (model.features.join() !== LINE_CHOICE_FEATURES.join() || model.weights.length !== LINE_CHOICE_FEATURES.length) {
    throw new Error('line-choice-model.json was fitted for other features: run scripts/fit-confidence.ts');
  }
  return model;
}

export const FITTED_LINE_CHOICE_MODEL: LineChoiceModel = checked(fitted as LineChoiceModel);

/** The probability that the candidate is the rest of the line exactly. */
export function lineChoiceProbability(features: number[], model: LineChoiceModel = FITTED_LINE_CHOICE_MODEL): number {
  let z = 0;
  for (let k = 0; k < features.length; k++) z += model.weights[k]! * features[k]!;
  return 1 / (1 + Math.exp(-z));
}

/** The likeliest candidate and its probability, or null when there is none. */
export function bestLine(candidates: LineCandidate[], kind: PositionKind, model: LineChoiceModel = FITTED_LINE_CHOICE_MODEL): { text: string; probability: number } | null {
  let best: { text: string; probability: number } | null = null;
  for (const candidate of candidates) {
    const probability = lineChoiceProbability(lineChoiceFeatures(candidate, kind), model);
    if (!best || probability > best.probability) best = { text: candidate.text, probability };
  }
  return best;
}
