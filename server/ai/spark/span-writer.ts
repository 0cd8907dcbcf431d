/**
 * Writes a streamed rewrite of one span of a Y.Text as a sequence of minimal edits. At every chunk the
 * span should read "new text so far + the old text not yet rewritten"; the old text consumed is found by
 * diffing the old span against the new text so far (fast-diff), and only the difference between what the
 * span holds now and that target is applied. Text that the model repeats unchanged is never touched, so
 * people's cursors inside it stay put. The span's ends are Yjs relative positions: edits elsewhere in the
 * file shift them correctly.
 */
import diff from 'fast-diff';
import * as Y from 'yjs';

/** The part of the old text the new text so far has accounted for (trailing deletions are not yet rewritten). */
export function consumedOld(oldText: string, newSoFar: string): number {
  const ops = diff(oldText, newSoFar);
  while (ops.length > 0 && ops[ops.length - 1]![0] === diff.DELETE) ops.pop();
  let consumed = 0;
  for (const [op, text] of ops) if (op !== diff.INSERT) consumed += text.length;
  return consumed;
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

  /** Brings the span to "new text so far + unrewritten old text"; with `final`, to the new text alone. */
  update(newSoFar: string, final: boolean): void {
    const target = final ? newSoFar : newSoFar + this.original.slice(consumedOld(this.original, newSoFar));
    const now = this.current();
    if (target !== now) {
      const doc = this.text.doc;
      const apply = () => {
        let index = this.absStart;
        for (const [op, piece] of diff(now, target)) {
          if (op === diff.EQUAL) index += piece.length;
          else if (op === diff.DELETE) this.text.delete(index, piece.length);
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
