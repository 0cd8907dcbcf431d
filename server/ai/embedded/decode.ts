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

/** Picks the next token, or null to stop. `partial` restricts candidates to tokens extending it. */
function nextToken(vocab: TokenTable, sources: IndexSource[], context: number[], partial: string): number | null {
  for (const order of LONGEST_FIRST) {
    if (context.length < order) continue;
    const counts = new Map<number, number>();
    let seen = 0;
    for (const source of sources) seen += source.index.continuations(context, order, counts, source.weight);
    if (seen === 0) continue;
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
    return seen >= rule.minSeen && bestCount / total >= rule.minShare ? best : null;
  }
  return null;
}

/**
 * Continues `prefixIds`. The last token of the prefix is treated as possibly unfinished (`foo` may become
 * `foobar`), so the first step asks what follows the tokens before it and keeps only extensions of it.
 */
export function decode(vocab: TokenTable, sources: IndexSource[], prefixIds: number[], options: DecodeOptions): string {
  if (prefixIds.length === 0) return '';
  const context = prefixIds.slice(0, -1);
  let partial = vocab.text(prefixIds[prefixIds.length - 1]!);
  let out = '';
  let lines = 0;
  for (let step = 0; step < options.maxTokens; step++) {
    const id = nextToken(vocab, sources, context, partial);
    if (id === null) {
      // The partial token may simply be complete: carry on from it as a whole token.
      if (partial && step === 0) {
        context.push(prefixIds[prefixIds.length - 1]!);
        partial = '';
        continue;
      }
      break;
    }
    const text = vocab.text(id).slice(partial.length);
    if (text.includes('\n')) {
      if (!options.multiline || ++lines >= options.maxLines) break;
    }
    out += text;
    partial = '';
    context.push(id);
  }
  return out;
}
