/**
 * A minimal edit between two texts whose cost is bounded, so one Spark edit over minified code (a
 * 120k-character line) cannot hold the event loop: a character diff is O(N·D) and took tens of seconds
 * there. The common prefix and suffix are stripped first (linear, and all a streamed rewrite usually
 * needs); what remains is diffed by characters when it is small, otherwise by lines first and then by
 * characters inside each changed pair of small line blocks. Each diff runs under a time budget; past it,
 * that part becomes one coarse replacement, which is still a correct edit, only a less minimal one.
 */
import { diffArrays, diffChars } from 'diff';
import { commonPrefixLength, commonSuffixLength } from '../../../lib/shared/common-affixes';

export const EQUAL = 0;
export const DELETE = -1;
export const INSERT = 1;
export type Piece = [op: typeof EQUAL | typeof DELETE | typeof INSERT, text: string];

/** Above this many characters a character diff is not tried on a block at once; lines go first. */
const CHAR_DIFF_MAX_CHARS = 4096;

export function boundedDiff(a: string, b: string, budgetMs: number): Piece[] {
  const prefix = commonPrefixLength(a, b);
  const suffix = commonSuffixLength(a, b, prefix);
  const out: Piece[] = [];
  if (prefix > 0) out.push([EQUAL, a.slice(0, prefix)]);
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const deadline = performance.now() + budgetMs;
  if (midA.length + midB.length <= CHAR_DIFF_MAX_CHARS) out.push(...charDiff(midA, midB, deadline));
  else out.push(...lineThenCharDiff(midA, midB, deadline));
  if (suffix > 0) out.push([EQUAL, a.slice(a.length - suffix)]);
  return out;
}

/** Characters the two texts share in order, under the same bounds (0..min(a, b) length). */
export function sharedChars(a: string, b: string, budgetMs: number): number {
  let same = 0;
  for (const [op, text] of boundedDiff(a, b, budgetMs)) if (op === EQUAL) same += text.length;
  return same;
}

function charDiff(a: string, b: string, deadline: number): Piece[] {
  if (!a || !b) return replace(a, b);
  const timeout = deadline - performance.now();
  const changes = timeout > 0 ? diffChars(a, b, { timeout }) : undefined;
  if (!changes) return replace(a, b);
  return changes.map((c): Piece => [c.added ? INSERT : c.removed ? DELETE : EQUAL, c.value]);
}

function lineThenCharDiff(a: string, b: string, deadline: number): Piece[] {
  const linesA = splitLines(a);
  const linesB = splitLines(b);
  const timeout = deadline - performance.now();
  const changes = timeout > 0 ? diffArrays(linesA, linesB, { timeout }) : undefined;
  if (!changes) return replace(a, b);
  const out: Piece[] = [];
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const text = change.value.join('');
    if (!change.added && !change.removed) {
      out.push([EQUAL, text]);
      continue;
    }
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      // A changed block: worth a character diff when it is small.
      const added = next.value.join('');
      out.push(...(text.length + added.length <= CHAR_DIFF_MAX_CHARS ? charDiff(text, added, deadline) : replace(text, added)));
      i++;
      continue;
    }
    out.push([change.added ? INSERT : DELETE, text]);
  }
  return out;
}

function replace(a: string, b: string): Piece[] {
  const out: Piece[] = [];
  if (a) out.push([DELETE, a]);
  if (b) out.push([INSERT, b]);
  return out;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
