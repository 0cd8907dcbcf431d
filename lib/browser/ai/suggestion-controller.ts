import type { ClientMessageInput, ServerMessage } from '../../shared/protocol/ai';
import type { RelativePositionJSON } from '../../shared/protocol/awareness';
import { anchorOf, charsTypedThrough } from '../../shared/typed-through';
import type { SuggestionLatency } from './latency-store';

/**
 * The brain behind ghost text, free of Monaco and the DOM. On each keystroke it asks the server for a
 * completion at once and collects the streamed text; the editor asks `ghostText()` whenever it draws and
 * gets the part the person has not typed yet. Rules:
 * - no debounce: a request is one small message, the next keystroke cancels it end to end and the server
 *   answers repeats from its cache, while any wait here would be on screen for every suggestion;
 * - one request at a time: an edit that does not continue the suggestion cancels it end to end;
 * - typed-through: typing what the suggestion predicted keeps the same request (shown or still
 *   streaming) and shows the rest, with no new message. The server's reuse would also serve a new
 *   `complete` from the same stream, but only if the old one is not cancelled first; keeping the request
 *   open is cheaper still;
 * - a refusal for asking too often (RATE_LIMITED) is not shown: the controller waits out the server's
 *   `retryAfterMs`, sending nothing meanwhile, then asks once for wherever the cursor is, so the keystroke
 *   that ends a burst still gets its suggestion;
 * - asked at the keydown: a key whose text is certain asks for the text as it will be before the editor
 *   applies it (`typing`), and the edit that follows confirms or replaces that request;
 * - no snapshot (a selection, no file, a view-only link) means no suggestion.
 */

export interface CursorSnapshot {
  file: string;
  language: string;
  /** Text before the cursor (the nearest part of it, see cursor-snapshot.ts). */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  /** The cursor's offset in the file's Y.Text. */
  offset: number;
  /**
   * The cursor as a relative position anchored to the text right of it, where Spark's cursor is shown.
   * A key typed at the cursor goes before the anchor, so the position taken before a key marks the
   * cursor after it too.
   */
  caret: RelativePositionJSON;
}

export interface SuggestionHost {
  /** The cursor now; null when nothing may be suggested. */
  snapshot(): CursorSnapshot | null;
  /** False when the message could not go out (Spark is not connected). */
  send(message: ClientMessageInput): boolean;
  newId(): string;
  /** The text `ghostText()` answers has changed: the editor should ask again. */
  changed(): void;
  report(id: string, patch: Partial<SuggestionLatency>): void;
}

interface Suggestion {
  id: string;
  file: string;
  anchor: string;
  /** The rest of the cursor's line when asked: text typed after it must not change it. */
  lineRest: string;
  text: string;
  phase: 'streaming' | 'done' | 'failed';
  keyAt: number;
  shown: boolean;
  /** Asked at a keydown for the text the key will make; the edit itself has not been seen yet. */
  predicted: boolean;
}

/** A refused burst: when the budget refills, and the last key pressed while waiting for it. */
interface Refill {
  timer: ReturnType<typeof setTimeout>;
  keyAt: number;
}

export class SuggestionController {
  private current: Suggestion | null = null;
  private refill: Refill | null = null;

  constructor(private readonly host: SuggestionHost) {}

  /** The person changed the text (typed, deleted, accepted); `keyAt` is when their key went down. */
  edited(keyAt: number): void {
    const snapshot = this.host.snapshot();
    if (!snapshot) return this.dismiss();
    const s = this.current;
    if (s?.predicted) {
      s.predicted = false;
      // The editor inserted what the key predicted: the request already out is this edit's.
      if (s.phase !== 'failed' && typedThrough(s, snapshot) === 0) return;
    }
    this.answer(snapshot, keyAt, false);
  }

  /**
   * A key went down that the editor will insert as `text`, and has not yet: the request for the text as
   * it will be goes out now instead of once the editor has applied the key (5 ms later, measured). The
   * edit that follows confirms it (`edited` finds the text as predicted) or, when the editor inserted
   * something else, replaces it. Until then nothing of it shows: the text it answers is not there yet.
   */
  typing(text: string, keyAt: number): void {
    const now = this.host.snapshot();
    if (!now) return;
    this.answer({ ...now, prefix: now.prefix + text, offset: now.offset + text.length }, keyAt, true);
  }

  /** The cursor moved without an edit (click, arrow keys): a suggestion for elsewhere is stale. */
  moved(): void {
    const snapshot = this.host.snapshot();
    this.stopRefill();
    if (this.current && (!snapshot || typedThrough(this.current, snapshot) === null)) this.dismiss();
  }

  /**
   * Someone else (a peer, Spark's own edits) changed `file` from offset `from` on. A suggestion answers
   * the text before the cursor as it was asked: a change there or at the cursor, or in the rest of the
   * cursor's line, leaves it answering a text that no longer exists, so it goes and stops streaming. A
   * change after the cursor's line leaves it as it is. The rate-limit wait is the person's, not the
   * suggestion's: it stays.
   */
  othersEdited(file: string, from: number): void {
    const s = this.current;
    if (!s || s.file !== file) return;
    // The cursor is read after the change; positions before `from` did not move, so "after the cursor"
    // means the same before and after it.
    const snapshot = this.host.snapshot();
    if (snapshot && from > snapshot.offset && typedThrough(s, snapshot) !== null) return;
    this.drop();
    this.host.changed();
  }

  /** Esc, focus lost, file closed, connection lost: nothing shows and nothing keeps streaming. */
  dismiss(): void {
    this.stopRefill();
    if (!this.current) return;
    this.drop();
    this.host.changed();
  }

  /** What to show as ghost text at this cursor, if anything; the editor calls this on every draw. */
  ghostText(snapshot: CursorSnapshot): { id: string; text: string } | null {
    const s = this.current;
    if (!s || s.phase === 'failed') return null;
    const typed = typedThrough(s, snapshot);
    if (typed === null || typed >= s.text.length) return null;
    return { id: s.id, text: s.text.slice(typed) };
  }

  /** The first character of suggestion `id` reached the screen at `at` (same clock as `keyAt`). */
  shown(id: string, at: number): void {
    const s = this.current;
    if (!s || s.id !== id || s.shown) return;
    s.shown = true;
    const keystrokeToFirstCharMs = Math.max(0, Math.round((at - s.keyAt) * 10) / 10);
    this.host.report(id, { keystrokeToFirstCharMs });
    this.host.send({ type: 'latency', id, keystrokeToFirstCharMs });
  }

  receive(message: ServerMessage): void {
    const s = this.current;
    if (!s || !('id' in message) || message.id !== s.id) return;
    switch (message.type) {
      case 'complete:chunk':
        s.text += message.text;
        this.host.changed();
        return;
      case 'complete:done': {
        s.phase = 'done';
        const { tier, source, firstTokenMs, tokensPerSecond, chars } = message.stats;
        this.host.report(s.id, { tier, source, firstTokenMs, tokensPerSecond, chars });
        return;
      }
      case 'complete:notice':
        this.host.report(s.id, { notice: `${message.error.code}: ${message.error.message}` });
        return;
      case 'complete:cancelled':
        s.phase = 'failed';
        this.host.changed();
        return;
      case 'complete:error':
      case 'error':
        s.phase = 'failed';
        if (message.error.code === 'RATE_LIMITED') this.waitForRefill(message.error.retryAfterMs ?? 1000, s.keyAt);
        else this.host.report(s.id, { error: `${message.error.code}: ${message.error.message}` });
        this.host.changed();
        return;
      default:
        return;
    }
  }

  /** Keeps the suggestion if `snapshot` continues it, else replaces it with a request at `snapshot`. */
  private answer(snapshot: CursorSnapshot, keyAt: number, predicted: boolean): void {
    const s = this.current;
    if (s) {
      const typed = typedThrough(s, snapshot);
      // Keep it while there is more to show or more may still come.
      if (typed !== null && s.phase !== 'failed' && (typed < s.text.length || s.phase === 'streaming')) return;
      this.drop();
    }
    if (this.refill) return void (this.refill.keyAt = keyAt);
    this.request(snapshot, keyAt, predicted);
  }

  private request(snapshot: CursorSnapshot, keyAt: number, predicted = false): void {
    const id = this.host.newId();
    const { file, language, prefix, suffix, caret } = snapshot;
    if (!this.host.send({ type: 'complete', id, file, language, prefix, suffix, at: caret })) return;
    this.current = {
      id,
      file,
      anchor: anchorOf(prefix),
      lineRest: lineOf(suffix, 'start'),
      text: '',
      phase: 'streaming',
      keyAt,
      shown: false,
      predicted,
    };
    this.host.report(id, { file, requestedAt: Date.now() });
  }

  private waitForRefill(ms: number, keyAt: number): void {
    this.stopRefill();
    const timer = setTimeout(() => {
      const waited = this.refill;
      this.refill = null;
      const snapshot = this.host.snapshot();
      if (waited && snapshot) this.request(snapshot, waited.keyAt);
    }, ms);
    this.refill = { timer, keyAt };
  }

  private stopRefill(): void {
    if (this.refill) clearTimeout(this.refill.timer);
    this.refill = null;
  }

  /** Forgets the suggestion; one still streaming is cancelled so the server stops paying for it. */
  private drop(): void {
    const s = this.current;
    this.current = null;
    if (s?.phase === 'streaming') this.host.send({ type: 'cancel', id: s.id });
  }
}

/**
 * How many characters of the suggestion the person has typed since it was asked for: the cursor's text
 * must be the asked-for text plus a prefix of the suggestion, and the rest of the line unchanged. Null
 * when the cursor is somewhere else.
 */
export function typedThrough(s: Pick<Suggestion, 'file' | 'anchor' | 'lineRest' | 'text'>, at: CursorSnapshot): number | null {
  if (at.file !== s.file || lineOf(at.suffix, 'start') !== s.lineRest) return null;
  return charsTypedThrough(s.anchor, s.text, at.prefix);
}

/** The cursor's line: the end of the text before it, or the start of the text after it. */
function lineOf(text: string, side: 'start' | 'end'): string {
  if (side === 'end') return text.slice(text.lastIndexOf('\n') + 1);
  const newline = text.indexOf('\n');
  return newline === -1 ? text : text.slice(0, newline);
}
