/**
 * Turns a chat model's streamed reply into the text we want, while it streams. Chat models wrap code in a
 * fence and, in the editable-region format, repeat the text around the cursor; these extractors drop that
 * and hold back only the few characters that might be the start of a terminator, so the insertion still
 * streams character by character.
 */
import { CURSOR_MARKER, REGION_END, REGION_START, SELECTION_END, SELECTION_START } from './prompt-markers';

export interface ReplyExtractor {
  /** Feeds a delta; returns newly extracted text and whether the reply is complete. */
  push(delta: string): { text: string; done: boolean };
  /** The stream ended: returns whatever was held back. */
  end(): string;
}

/** Length of the longest suffix of `text` that is a proper prefix of one of `needles`. */
function partialNeedleAtEnd(text: string, needles: string[]): number {
  let longest = 0;
  for (const needle of needles) {
    for (let n = Math.min(needle.length - 1, text.length); n > longest; n--) {
      if (text.endsWith(needle.slice(0, n))) {
        longest = n;
        break;
      }
    }
  }
  return longest;
}

function firstIndex(text: string, needles: string[]): number {
  let best = -1;
  for (const needle of needles) {
    const i = needle ? text.indexOf(needle) : -1;
    if (i !== -1 && (best === -1 || i < best)) best = i;
  }
  return best;
}

/** Removes a leading fence line (```lang) once it is complete; null while the first line is incomplete. */
function afterOpeningFence(raw: string): string | null {
  const trimmed = raw.replace(/^\s+/, '');
  if (!trimmed.startsWith('```')) return '```'.startsWith(trimmed) ? null : raw;
  const newline = trimmed.indexOf('\n');
  return newline === -1 ? null : trimmed.slice(newline + 1);
}

/**
 * For the editable-region format: the reply should be `before + insertion + after`, where before/after are
 * the cursor line's text on each side. Yields the insertion; gives up (yields nothing more) when the model
 * rewrote the text before the cursor, because ghost text can only insert.
 */
export class RegionInsertionExtractor implements ReplyExtractor {
  private raw = '';
  private emitted = 0;
  private finished = false;
  private readonly terminators: string[];

  constructor(
    private readonly before: string,
    private readonly after: string,
  ) {
    this.terminators = [REGION_END, '\n```', '```', ...(after.trim() ? [after] : [])];
  }

  private insertionSoFar(): { tail: string; end: number } | null {
    let body = afterOpeningFence(this.raw);
    if (body === null) return null;
    body = body.split(CURSOR_MARKER).join('');
    if (REGION_START.startsWith(body)) return null;
    if (body.startsWith(REGION_START)) body = body.slice(REGION_START.length);
    if (body.length < this.before.length) {
      if (!this.before.startsWith(body)) this.finished = true;
      return null;
    }
    if (!body.startsWith(this.before)) {
      this.finished = true;
      return null;
    }
    const tail = body.slice(this.before.length);
    return { tail, end: firstIndex(tail, this.terminators) };
  }

  push(delta: string): { text: string; done: boolean } {
    if (this.finished) return { text: '', done: true };
    this.raw += delta;
    const state = this.insertionSoFar();
    if (!state) return { text: '', done: this.finished };
    if (state.end !== -1) {
      this.finished = true;
      return { text: this.take(state.tail.slice(0, state.end)), done: true };
    }
    const safe = state.tail.length - partialNeedleAtEnd(state.tail, [...this.terminators, CURSOR_MARKER]);
    return { text: this.take(state.tail.slice(0, safe)), done: false };
  }

  end(): string {
    if (this.finished) return '';
    this.finished = true;
    const state = this.insertionSoFar();
    if (!state) return '';
    let tail = state.tail.replace(/\s+$/, '');
    if (this.after && tail.endsWith(this.after.trimEnd())) tail = tail.slice(0, tail.length - this.after.trimEnd().length);
    return this.take(tail);
  }

  private take(insertion: string): string {
    const text = insertion.slice(this.emitted);
    this.emitted = Math.max(this.emitted, insertion.length);
    return text;
  }
}

/** For edits: strips the code fence (and echoed selection markers) around the replacement text. */
export class FencedCodeExtractor implements ReplyExtractor {
  private raw = '';
  private emitted = 0;
  private finished = false;
  private static readonly TERMINATORS = ['\n```', SELECTION_END];

  private body(): string | null {
    const body = afterOpeningFence(this.raw);
    if (body === null) return null;
    if (SELECTION_START.startsWith(body)) return null;
    return body.startsWith(SELECTION_START) ? body.slice(SELECTION_START.length) : body;
  }

  push(delta: string): { text: string; done: boolean } {
    if (this.finished) return { text: '', done: true };
    this.raw += delta;
    const body = this.body();
    if (body === null) return { text: '', done: false };
    const end = firstIndex(body, FencedCodeExtractor.TERMINATORS);
    if (end !== -1) {
      this.finished = true;
      return { text: this.take(body.slice(0, end)), done: true };
    }
    return { text: this.take(body.slice(0, body.length - partialNeedleAtEnd(body, FencedCodeExtractor.TERMINATORS))), done: false };
  }

  end(): string {
    if (this.finished) return '';
    this.finished = true;
    const body = this.body() ?? this.raw;
    return this.take(body.replace(/\n?`{1,3}\s*$/, ''));
  }

  private take(text: string): string {
    const out = text.slice(this.emitted);
    this.emitted = Math.max(this.emitted, text.length);
    return out;
  }
}

/** Chat answers and FIM/infill completions need no extraction. */
export class PassThroughExtractor implements ReplyExtractor {
  push(delta: string) {
    return { text: delta, done: false };
  }
  end() {
    return '';
  }
}
