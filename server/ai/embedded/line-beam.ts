/**
 * Whole-line candidates from the token n-grams: a small beam search to the end of the cursor's line. The
 * greedy decoder (decode.ts) stops where the evidence splits, which is mostly at a name (`messageSync` or
 * `messageAwareness`); the beam follows the few likeliest tokens there and finishes each line, so a
 * chooser (line-choice.ts) can weigh whole lines against each other and against the recalled line.
 */
import { ORDERS } from './token-index';
import type { IndexSource } from './decode';
import type { TokenTable } from './tokens';

export interface BeamLine {
  /** The rest of the line after the cursor. */
  text: string;
  /** The sum of the log shares of its tokens, each at the longest context that had a continuation. */
  logProb: number;
  /** The smallest share any of its tokens had, and the shortest context that decided one. */
  minShare: number;
  minOrder: number;
  /** The fewest occurrences of the deciding context any of its tokens was read from. */
  minSeen: number;
  tokens: number;
}

export interface BeamOptions {
  /** States kept after each step. */
  width: number;
  /** Continuations followed from each state. */
  branch: number;
  /** A line longer than this is not finished. */
  maxTokens: number;
  /** Continuations with less share than this, and lines less likely than this in all, are dropped. */
  minShare: number;
  minProb: number;
}

export const BEAM: BeamOptions = { width: 8, branch: 4, maxTokens: 32, minShare: 0.05, minProb: 0.01 };

const LONGEST_FIRST = [...ORDERS].reverse();
const LONGEST = LONGEST_FIRST[0]!;

/** A line on its way: what it has so far, and where the decoding stands. */
interface State extends BeamLine {
  /** The last LONGEST tokens: all a context is read from. */
  tail: number[];
  partial: string;
}

/** The shares of the continuations of `tail` that extend `partial`, at the longest context that has one. */
function continuations(vocab: TokenTable, sources: IndexSource[], tail: number[], partial: string, counts: Map<number, number>) {
  for (const order of LONGEST_FIRST) {
    if (tail.length < order) continue;
    counts.clear();
    let seen = 0;
    for (const source of sources) seen += source.index.continuations(tail, order, counts, source.weight);
    let total = 0;
    const found: Array<{ id: number; share: number }> = [];
    for (const [id, count] of counts) {
      if (partial && !vocab.text(id).startsWith(partial)) continue;
      total += count;
      found.push({ id, share: count });
    }
    if (found.length === 0) continue;
    for (const f of found) f.share /= total;
    return { order, seen, found: found.sort((a, b) => b.share - a.share || a.id - b.id) };
  }
  return null;
}

/**
 * The lines the beam finished, likeliest first, each once. The prefix's last token may be unfinished and
 * is extended as decode() extends it; indentation is taken as typed.
 */
export function beamLines(vocab: TokenTable, sources: IndexSource[], prefixIds: number[], options: BeamOptions = BEAM): BeamLine[] {
  if (prefixIds.length === 0) return [];
  const last = prefixIds[prefixIds.length - 1]!;
  let partial = vocab.text(last);
  let tail = prefixIds.slice(-LONGEST - 1, -1);
  if (/^\s+$/.test(partial)) {
    tail = prefixIds.slice(-LONGEST);
    partial = '';
  }
  const start: State = { tail, text: '', logProb: 0, minShare: 1, minOrder: LONGEST, minSeen: Number.POSITIVE_INFINITY, tokens: 0, partial };
  const minLogProb = Math.log(options.minProb);
  const counts = new Map<number, number>();
  const finished = new Map<string, BeamLine>();
  let states = [start];
  for (let step = 0; step < options.maxTokens && states.length > 0; step++) {
    const next: State[] = [];
    for (const state of states) {
      const answer = continuations(vocab, sources, state.tail, state.partial, counts);
      if (!answer) {
        // Nothing extends the unfinished token: it may be whole already.
        if (state.partial && step === 0) next.push({ ...state, tail: [...state.tail, last].slice(-LONGEST), partial: '' });
        continue;
      }
      for (const { id, share } of answer.found.slice(0, options.branch)) {
        const logProb = state.logProb + Math.log(share);
        if (share < options.minShare || logProb < minLogProb) break;
        const text = vocab.text(id).slice(state.partial.length);
        const newline = text.indexOf('\n');
        const grown: State = {
          tail: [...state.tail, id].slice(-LONGEST),
          text: state.text + (newline === -1 ? text : text.slice(0, newline)),
          logProb,
          minShare: Math.min(state.minShare, share),
          minOrder: Math.min(state.minOrder, answer.order),
          minSeen: Math.min(state.minSeen, answer.seen),
          tokens: state.tokens + 1,
          partial: '',
        };
        if (newline === -1) next.push(grown);
        else finish(finished, grown);
      }
    }
    states = next.sort((a, b) => b.logProb - a.logProb).slice(0, options.width);
  }
  return [...finished.values()].sort((a, b) => b.logProb - a.logProb);
}

/** Keeps the likeliest way to each line (trailing blanks are not part of it). */
function finish(finished: Map<string, BeamLine>, state: State): void {
  const text = state.text.trimEnd();
  if (!text) return;
  const known = finished.get(text);
  if (known && known.logProb >= state.logProb) return;
  finished.set(text, { text, logProb: state.logProb, minShare: state.minShare, minOrder: state.minOrder, minSeen: state.minSeen, tokens: state.tokens });
}
