/**
 * Whole-line recall: code repeats itself line by line (a `case`, an import, a field, a closing `});`), often
 * at another indentation, where the token n-grams (whose newline tokens carry the indentation) do not see
 * the repeat. A LineBook holds one text's lines, trimmed; asked for the line at the cursor, it proposes the
 * lines that begin with what is typed on the line so far, and counts more for those that followed the same
 * previous line (a line bigram). Right after the indentation only that bigram evidence counts: any line can
 * begin there.
 */

/** Lines shorter than this carry no recall: `}` or `});` is better left to the n-grams and the syntax. */
const MIN_LINE = 4;
/** At most this many distinct lines starting with the typed text are weighed per book (`this.` matches many). */
const MAX_SCAN = 2000;

/** How much one line counts for each kind of evidence, per unit of its book's weight. */
export const RECALL_WEIGHTS = {
  /** The line begins with the typed text. Mid-line only. */
  typed: 1,
  /** It also followed the same previous line. */
  previous: 4,
  /** And the same line before that. */
  twoBefore: 4,
} as const;

export class LineBook {
  /** Distinct trimmed lines, sorted, so the lines starting with a text are one range. */
  private readonly sorted: string[];

  private readonly counts = new Map<string, number>();
  /** Previous non-blank line -> the lines that followed it, with counts. */
  private readonly followers = new Map<string, Map<string, number>>();
  /** The same, keyed by the two previous non-blank lines. */
  private readonly followers2 = new Map<string, Map<string, number>>();

  /** `runs` are stretches of lines; no line counts as following the last line of another run. */
  constructor(runs: string[][]) {
    for (const run of runs) this.read(run);
    this.sorted = [...this.counts.keys()].sort();
  }

  static of(text: string): LineBook {
    return new LineBook([text.split('\n')]);
  }

  private read(lines: string[]): void {
    let previous = '';
    let twoBefore = '';
    for (const raw of lines) {
      const line = raw.trim();
      if (line.length === 0) continue;
      if (line.length >= MIN_LINE) {
        this.counts.set(line, (this.counts.get(line) ?? 0) + 1);
        if (previous) count(this.followers, previous, line);
        if (twoBefore) count(this.followers2, `${twoBefore}\n${previous}`, line);
      }
      twoBefore = previous;
      previous = line;
    }
  }

  /** How often the trimmed line occurs in the text. */
  count(line: string): number {
    return this.counts.get(line) ?? 0;
  }

  /** Adds each candidate line's evidence (times `weight`) to `scores`; `here` marks this file's book. */
  weigh(typed: string, previous: string, weight: number, scores: Map<string, LineEvidence>, ahead = '', twoBefore = '', here = false): void {
    const add = (line: string, kind: 'typed' | 'previous' | 'twoBefore', amount: number) => {
      if (line.length <= typed.length + ahead.length || !line.startsWith(typed) || line.lastIndexOf(ahead) < typed.length) return;
      let evidence = scores.get(line);
      if (!evidence) scores.set(line, (evidence = { score: 0, typed: 0, previous: 0, twoBefore: 0, file: 0 }));
      evidence.score += amount * weight;
      evidence[kind] += amount * weight;
      if (here) evidence.file += amount * weight;
    };
    for (const [line, count] of this.followers.get(previous) ?? []) add(line, 'previous', count * RECALL_WEIGHTS.previous);
    if (twoBefore) for (const [line, count] of this.followers2.get(`${twoBefore}\n${previous}`) ?? []) add(line, 'twoBefore', count * RECALL_WEIGHTS.twoBefore);
    if (!typed) return;
    let i = lowerBound(this.sorted, typed);
    for (let scanned = 0; i < this.sorted.length && scanned < MAX_SCAN && this.sorted[i]!.startsWith(typed); i++, scanned++) {
      add(this.sorted[i]!, 'typed', this.counts.get(this.sorted[i]!)! * RECALL_WEIGHTS.typed);
    }
  }
}

function count(map: Map<string, Map<string, number>>, key: string, line: string): void {
  let next = map.get(key);
  if (!next) map.set(key, (next = new Map()));
  next.set(line, (next.get(line) ?? 0) + 1);
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A book to recall from, how much its lines count, and whether it is the cursor's own file. */
export interface RecallBook {
  book: LineBook;
  weight: number;
  here?: boolean;
}

/** A candidate line's weighted evidence, in all and by kind; `file` is the part from the cursor's own file. */
export interface LineEvidence {
  score: number;
  typed: number;
  previous: number;
  twoBefore: number;
  file: number;
}

export interface RecalledLine {
  /** The rest of the line after what is typed (and before the text ahead of the cursor). */
  text: string;
  /** The winning line's evidence, and its share of all candidates' (features for a confidence gate). */
  score: number;
  share: number;
  /** The winning line's evidence by kind and source. */
  evidence: LineEvidence;
  /** How many characters of the line were typed already. */
  typedChars: number;
  /** The runner-up line's score (0 when there is none), and how many lines were weighed. */
  runnerUp: number;
  candidates: number;
  /** The next lines by score, best first, each as the rest of the line and its share of all candidates' evidence. */
  alternatives: Array<{ text: string; share: number }>;
}

/** The typed part of the cursor's line (indentation removed) and the last non-blank line before it. */
export function lineAtCursor(prefix: string): { typed: string; previous: string; twoBefore: string } {
  const lineStart = prefix.lastIndexOf('\n') + 1;
  const typed = prefix.slice(lineStart).trimStart();
  const found: string[] = [];
  let end = lineStart - 1;
  while (end > 0 && found.length < 2) {
    const start = prefix.lastIndexOf('\n', end - 1) + 1;
    const line = prefix.slice(start, end).trim();
    if (line) found.push(line);
    end = start - 1;
  }
  return { typed, previous: found[0] ?? '', twoBefore: found[1] ?? '' };
}

/**
 * The best line from the books, or null when no line begins with what is typed (and holds `ahead`, the
 * text after the cursor on its line: the answer is what goes before its last occurrence).
 */
export function recallLine(books: RecallBook[], prefix: string, ahead = ''): RecalledLine | null {
  const { typed, previous, twoBefore } = lineAtCursor(prefix);
  const scores = new Map<string, LineEvidence>();
  for (const { book, weight, here } of books) book.weigh(typed, previous, weight, scores, ahead, twoBefore, here);
  let best = '';
  let bestScore = 0;
  let total = 0;
  for (const [line, { score }] of scores) {
    total += score;
    // Ties go to the shorter line, then the first in sort order, so the answer never depends on map order.
    if (!best || outranks(line, score, best, bestScore)) {
      best = line;
      bestScore = score;
    }
  }
  if (!best) return null;
  const rest = (line: string) => line.slice(typed.length, ahead ? line.lastIndexOf(ahead) : line.length);
  const alternatives: Array<{ line: string; score: number }> = [];
  for (const [line, { score }] of scores) {
    if (line === best) continue;
    let at = alternatives.length;
    while (at > 0 && outranks(line, score, alternatives[at - 1]!.line, alternatives[at - 1]!.score)) at--;
    if (at < ALTERNATIVES) alternatives.splice(at, 0, { line, score });
    if (alternatives.length > ALTERNATIVES) alternatives.pop();
  }
  return {
    text: rest(best),
    score: bestScore,
    share: bestScore / total,
    evidence: scores.get(best)!,
    typedChars: typed.length,
    runnerUp: alternatives[0]?.score ?? 0,
    candidates: scores.size,
    alternatives: alternatives.map(({ line, score }) => ({ text: rest(line), share: score / total })),
  };
}

/** The runners-up a recalled line carries. */
const ALTERNATIVES = 3;

/** Whether line `a` ranks above line `b`: the higher score, then the shorter line, then sort order. */
function outranks(a: string, aScore: number, b: string, bScore: number): boolean {
  return aScore > bScore || (aScore === bScore && (a.length < b.length || (a.length === b.length && a < b)));
}
