/**
 * Greedy decoding over several token indexes (the session's files, the shipped corpus). At each step the
 * longest context that occurred anywhere decides: when one continuation clearly dominates, it is taken;
 * when the evidence is thin or split, decoding stops. Stopping early is the point: a short right
 * suggestion beats a long wrong one, and the person keeps typing either way.
 */
import { ORDERS, type TokenIndex } from './token-index';
import type { TokenTable } from './tokens';

export interface IndexSource {
  index: TokenIndex;
  /** How much one occurrence counts; the session's own files outweigh the corpus. */
  weight: number;
  /** Where the text came from: the confidence model weighs a repeat of the room's own text differently. */
  kind: 'file' | 'workspace' | 'corpus';
}

/** The evidence behind one emitted token, for the confidence model (confidence.ts). */
export interface DecodeStep {
  /** The characters this token adds to the suggestion. */
  text: string;
  /** The context length that decided, and how many occurrences of it were seen. */
  order: number;
  seen: number;
  /** The chosen token's share of the weighted continuations. */
  share: number;
  /** The share of the chosen token's weight that came from this file, and from the room's other files. */
  file: number;
  workspace: number;
  /**
   * The longest verbatim repeat behind the chosen token, in tokens: how far back the text before it
   * matches an occurrence in the room's files (this one included), and in the corpus.
   */
  roomRepeat: number;
  corpusRepeat: number;
  /**
   * The chosen token's share, and the occurrences seen, after only the last SHORT_ORDER tokens: a token
   * that even a short context agrees on is seldom wrong; one only a long repeat picks may be a one-off.
   */
  shortShare: number | null;
  shortSeen: number;
  /** Whether this step finished the prefix's last, possibly unfinished, token. */
  extendsPartial: boolean;
}

/**
 * Per context length: occurrences needed and the share the best continuation must have. Long contexts
 * are near-exact repeats (prompt lookup) and can be trusted on one occurrence; short ones need a clear
 * majority over many.
 */
const RULES: Record<number, { minSeen: number; minShare: number }> = {
  8: { minSeen: 1, minShare: 0.5 },
  6: { minSeen: 1, minShare: 0.5 },
  4: { minSeen: 2, minShare: 0.5 },
  3: { minSeen: 2, minShare: 0.55 },
  2: { minSeen: 3, minShare: 0.6 },
  1: { minSeen: 6, minShare: 0.7 },
};

const LONGEST_FIRST = [...ORDERS].reverse();

export interface DecodeOptions {
  /** Whether the answer may go on past the end of the cursor's line. */
  multiline: boolean;
  maxTokens: number;
  maxLines: number;
}

type Choice = Omit<DecodeStep, 'text' | 'extendsPartial'> & { id: number };

interface SourceAnswer {
  counts: Map<number, number>;
  repeats: Map<number, number>;
}

/** What each kind of source gave the chosen token: shares of its weight, and the longest repeats. */
function sourceEvidence(answers: SourceAnswer[], sources: IndexSource[], id: number, count: number) {
  const evidence = { file: 0, workspace: 0, roomRepeat: 0, corpusRepeat: 0 };
  sources.forEach((source, i) => {
    const repeat = answers[i]!.repeats.get(id) ?? 0;
    if (source.kind === 'corpus') {
      evidence.corpusRepeat = Math.max(evidence.corpusRepeat, repeat);
      return;
    }
    evidence[source.kind] += (answers[i]!.counts.get(id) ?? 0) / count;
    evidence.roomRepeat = Math.max(evidence.roomRepeat, repeat);
  });
  return evidence;
}

/** The context length the agreement of a short context is read at. */
const SHORT_ORDER = 2;

function shortContextAgreement(vocab: TokenTable, sources: IndexSource[], context: number[], partial: string, id: number) {
  const order = Math.min(SHORT_ORDER, context.length);
  const counts = new Map<number, number>();
  let shortSeen = 0;
  for (const source of sources) shortSeen += source.index.continuations(context, order, counts, source.weight);
  let total = 0;
  for (const [other, count] of counts) if (!partial || vocab.text(other).startsWith(partial)) total += count;
  // None of the occurrences read extends the partial token: the short context has no say (null).
  return { shortShare: total > 0 ? (counts.get(id) ?? 0) / total : null, shortSeen };
}

/** Picks the next token, or null to stop. `partial` restricts candidates to tokens extending it. */
function nextToken(vocab: TokenTable, sources: IndexSource[], context: number[], partial: string): Choice | null {
  for (const order of LONGEST_FIRST) {
    if (context.length < order) continue;
    const counts = new Map<number, number>();
    const answers: SourceAnswer[] = sources.map(() => ({ counts: new Map(), repeats: new Map() }));
    let seen = 0;
    sources.forEach((source, i) => {
      seen += source.index.continuations(context, order, answers[i]!.counts, source.weight, undefined, answers[i]!.repeats);
    });
    if (seen === 0) continue;
    for (const own of answers) for (const [id, count] of own.counts) counts.set(id, (counts.get(id) ?? 0) + count);
    let total = 0;
    let best = -1;
    let bestCount = 0;
    for (const [id, count] of counts) {
      if (partial && !vocab.text(id).startsWith(partial)) continue;
      total += count;
      if (count > bestCount) {
        best = id;
        bestCount = count;
      }
    }
    if (best === -1) continue; // nothing here extends the partial token: try a shorter context
    const rule = RULES[order]!;
    const share = bestCount / total;
    if (seen < rule.minSeen || share < rule.minShare) return null;
    return {
      id: best,
      order,
      seen,
      share,
      ...sourceEvidence(answers, sources, best, bestCount),
      ...shortContextAgreement(vocab, sources, context, partial, best),
    };
  }
  return null;
}

/**
 * Continues `prefixIds`. The last token of the prefix is treated as possibly unfinished (`foo` may become
 * `foobar`), so the first step asks what follows the tokens before it and keeps only extensions of it.
 * Each emitted token's evidence is pushed onto `steps` when given; their texts join into the answer.
 */
export function decode(vocab: TokenTable, sources: IndexSource[], prefixIds: number[], options: DecodeOptions, steps?: DecodeStep[]): string {
  if (prefixIds.length === 0) return '';
  const context = prefixIds.slice(0, -1);
  let partial = vocab.text(prefixIds[prefixIds.length - 1]!);
  // Indentation the person typed is finished: growing it would only push the code sideways.
  if (/^\s+$/.test(partial)) {
    context.push(prefixIds[prefixIds.length - 1]!);
    partial = '';
  }
  let out = '';
  let lines = 0;
  for (let step = 0; step < options.maxTokens; step++) {
    const choice = nextToken(vocab, sources, context, partial);
    if (choice === null) {
      // The partial token may simply be complete: carry on from it as a whole token.
      if (partial && step === 0) {
        context.push(prefixIds[prefixIds.length - 1]!);
        partial = '';
        continue;
      }
      break;
    }
    const { id, ...evidence } = choice;
    const text = vocab.text(id).slice(partial.length);
    if (text.includes('\n')) {
      if (!options.multiline || ++lines >= options.maxLines) break;
    }
    out += text;
    steps?.push({ text, ...evidence, extendsPartial: partial !== '' });
    partial = '';
    context.push(id);
  }
  return out;
}
