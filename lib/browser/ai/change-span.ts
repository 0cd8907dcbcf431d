/**
 * The span of a file that one person is changing, and what it read before they began: a rename typed
 * letter by letter over `greet` is one span that read `greet`, however many keystrokes and pauses it
 * takes. Their edits that touch the span grow it; an edit of theirs elsewhere starts a new one; someone
 * else's edit before it moves it, and one inside it ends it (the old text is no longer known).
 */
export interface ChangeSpan {
  from: number;
  to: number;
  before: string;
}

/** One step of a Yjs text delta, applied in order from the start of the text. */
export type DeltaStep = { retain: number } | { insert: string } | { delete: number };

export class ChangeSpanTracker {
  private span: ChangeSpan | null = null;

  get current(): ChangeSpan | null {
    return this.span;
  }

  reset(): void {
    this.span = null;
  }

  /** Applies one change to the text; `previous` is the text before it. `own` says whether this person made it. */
  apply(previous: string, delta: readonly DeltaStep[], own: boolean): void {
    let text = previous;
    let at = 0;
    for (const step of delta) {
      if ('retain' in step) at += step.retain;
      else if ('insert' in step) {
        this.edit(at, '', step.insert, own);
        text = text.slice(0, at) + step.insert + text.slice(at);
        at += step.insert.length;
      } else {
        const removed = text.slice(at, at + step.delete);
        this.edit(at, removed, '', own);
        text = text.slice(0, at) + text.slice(at + step.delete);
      }
    }
  }

  private edit(at: number, removed: string, inserted: string, own: boolean): void {
    const span = this.span;
    const end = at + removed.length;
    const shift = inserted.length - removed.length;
    if (!own) {
      if (!span || at >= span.to) return;
      this.span = end <= span.from ? { ...span, from: span.from + shift, to: span.to + shift } : null;
      return;
    }
    if (!span || at > span.to || end < span.from) {
      this.span = { from: at, to: at + inserted.length, before: removed };
      return;
    }
    // Text removed beyond the span's ends was there before the change began: it joins what it read.
    const left = Math.max(0, span.from - at);
    const right = Math.max(0, end - span.to);
    const before = removed.slice(0, left) + span.before + removed.slice(removed.length - right);
    this.span = { from: Math.min(span.from, at), to: Math.max(span.to, end) + shift, before };
  }
}
