/**
 * Writes a streamed rewrite of one span of a Y.Text as a sequence of minimal edits. At every chunk the
 * span should read "new text so far + the old text not yet rewritten"; how far the new text has got
 * through the old is found line by line (see `rewriteProgress`), and only the difference between what
 * the span holds now and that target is applied. Text that the model repeats unchanged is never touched,
 * so people's cursors inside it stay put. The span's ends are Yjs relative positions: edits elsewhere in
 * the file shift them correctly.
 */
import * as Y from 'yjs';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import { boundedDiff, DELETE, EQUAL, INSERT, sharedChars } from './bounded-diff';
import { writeBound } from './write-bound';

/** Time a diff may take when no budget is given (tests, tools); the server passes its setting. */
export const DEFAULT_DIFF_BUDGET_MS = 10;

/**
 * How far a rewrite has got through the old text, so the old text still ahead can stay visible after it.
 * Watching must look like typing: text Spark has not reached yet must neither vanish early nor be shown
 * twice. A character diff does not give that (scattered matching letters of an unrelated new line
 * "consume" old code, which disappears and comes back), so:
 * - whole new lines are aligned with old lines by a line diff: old lines before the last equal line are
 *   rewritten; after it, a new line that resembles the next old line is taken as its changed version;
 * - the line being written consumes the old line it retypes (a prefix of it, or all of it when it runs
 *   past it), or the part before where it departs from it when that part is substantial;
 * - otherwise the line is new, and `gap` keeps the old text ahead on a line of its own.
 */
export function rewriteProgress(
  oldText: string,
  newSoFar: string,
  budgetMs = DEFAULT_DIFF_BUDGET_MS,
): { consumed: number; gap: string } {
  const oldLines = splitLines(oldText);
  const cut = newSoFar.lastIndexOf('\n') + 1;
  const newLines = splitLines(newSoFar.slice(0, cut));
  const partial = newSoFar.slice(cut);

  const codes = new Map<string, string>();
  const encode = (lines: string[]) => lines.map((line) => lineCode(codes, line.replace(/\n$/, ''))).join('');
  let oldIndex = 0;
  let newIndex = 0;
  let afterEqual = { old: 0, new: 0 };
  for (const [op, chars] of boundedDiff(encode(oldLines), encode(newLines), budgetMs)) {
    if (op !== INSERT) oldIndex += chars.length;
    if (op !== DELETE) newIndex += chars.length;
    if (op === EQUAL) afterEqual = { old: oldIndex, new: newIndex };
  }
  let line = afterEqual.old;
  for (const written of newLines.slice(afterEqual.new)) {
    if (line < oldLines.length && resembles(written, oldLines[line]!, budgetMs)) line++;
  }
  let consumed = oldLines.slice(0, line).reduce((n, l) => n + l.length, 0);
  if (!partial) return { consumed, gap: '' };

  // Past the old text: a whole-line span is followed by the next line of the file, which must not be
  // glued to the line being written.
  if (line >= oldLines.length) return { consumed, gap: oldText.endsWith('\n') ? '\n' : '' };
  const oldLine = oldLines[line]!.replace(/\n$/, '');
  const common = commonPrefixLength(partial, oldLine);
  if (common === partial.length || common === oldLine.length || partial.slice(0, common).trim().length >= SUBSTANTIAL_CHARS) {
    return { consumed: consumed + common, gap: '' };
  }
  return { consumed, gap: '\n' };
}

/** Characters of a line, besides indentation, that make "the same line, edited" the likely reading. */
const SUBSTANTIAL_CHARS = 8;

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** One character per distinct line (the diff-match-patch line-mode trick), skipping surrogates. */
function lineCode(codes: Map<string, string>, line: string): string {
  let code = codes.get(line);
  if (code === undefined) {
    const n = 0x100 + codes.size;
    code = String.fromCharCode(n < 0xd800 ? n : n + 0x800);
    codes.set(line, code);
  }
  return code;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** A changed version of the same line: at least half of the characters agree. */
function resembles(a: string, b: string, budgetMs: number): boolean {
  const x = a.trim();
  const y = b.trim();
  if (!x || !y) return x === y;
  return (2 * sharedChars(x, y, budgetMs)) / (x.length + y.length) >= 0.5;
}

export class SpanWriter {
  readonly original: string;
  private start: Y.RelativePosition;
  private end: Y.RelativePosition;
  private absStart: number;
  private absEnd: number;
  private written = 0;

  constructor(
    private readonly text: Y.Text,
    from: number,
    to: number,
    private readonly origin: object,
    private readonly onHumanEditInside: () => void,
    /** Time one diff may take before it falls back to a coarser edit (bounded-diff.ts). */
    private readonly diffBudgetMs = DEFAULT_DIFF_BUDGET_MS,
    /** Asked before each write with its size bound: the room's limits, as for a person's update. */
    private readonly admit: (bytes: number) => RefusalReason | undefined = () => undefined,
  ) {
    this.absStart = from;
    this.absEnd = to;
    this.original = text.toString().slice(from, to);
    // The start sticks to the character before the span and the end to the one after it, so text Spark
    // inserts at either edge lands inside the span.
    this.start = Y.createRelativePositionFromTypeIndex(text, from, -1);
    this.end = Y.createRelativePositionFromTypeIndex(text, to, 0);
    text.observe(this.onTextChange);
  }

  get range(): { from: number; to: number } {
    return { from: this.absStart, to: this.absEnd };
  }

  /** Where Spark's caret is: just after the new text written so far. */
  get cursor(): number {
    return this.absStart + this.written;
  }

  current(): string {
    return this.text.toString().slice(this.absStart, this.absEnd);
  }

  /**
   * Brings the span to "new text so far + unrewritten old text"; with `final`, to the new text alone.
   * Returns the room's refusal, having written nothing, when the write would break its limits.
   */
  update(newSoFar: string, final: boolean): RefusalReason | undefined {
    let target = newSoFar;
    if (!final) {
      const { consumed, gap } = rewriteProgress(this.original, newSoFar, this.diffBudgetMs);
      target += gap + this.original.slice(consumed);
    }
    const now = this.current();
    if (target !== now) {
      const doc = this.text.doc;
      const ops = boundedDiff(now, target, this.diffBudgetMs);
      const refusal = this.admit(writeBound(ops.filter(([op]) => op === INSERT).map(([, piece]) => piece), ops.filter(([op]) => op === DELETE).length));
      if (refusal) return refusal;
      const apply = () => {
        let index = this.absStart;
        for (const [op, piece] of ops) {
          if (op === EQUAL) index += piece.length;
          else if (op === DELETE) this.text.delete(index, piece.length);
          else {
            this.text.insert(index, piece);
            index += piece.length;
          }
        }
      };
      if (doc) doc.transact(apply, this.origin);
      else apply();
    }
    this.written = newSoFar.length;
    this.resolve();
    return undefined;
  }

  dispose(): void {
    this.text.unobserve(this.onTextChange);
  }

  private resolve(): void {
    const doc = this.text.doc;
    if (!doc) return;
    const start = Y.createAbsolutePositionFromRelativePosition(this.start, doc);
    const end = Y.createAbsolutePositionFromRelativePosition(this.end, doc);
    this.absStart = start?.index ?? this.absStart;
    this.absEnd = Math.max(this.absStart, end?.index ?? this.absEnd);
  }

  private readonly onTextChange = (event: Y.YTextEvent, transaction: Y.Transaction): void => {
    if (transaction.origin === this.origin) return;
    // Walk the change over the old text: a deletion overlapping the span or an insertion strictly inside
    // it is a person writing where Spark writes.
    let old = 0;
    let inside = false;
    for (const op of event.delta) {
      if (op.retain) old += op.retain;
      else if (op.delete) {
        if (old < this.absEnd && old + op.delete > this.absStart) inside = true;
        old += op.delete;
      } else if (op.insert !== undefined && old > this.absStart && old < this.absEnd) inside = true;
    }
    this.resolve();
    if (inside) this.onHumanEditInside();
  };
}
