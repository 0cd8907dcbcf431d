/**
 * One suggestion being generated: the upstream stream, the cleaned text so far and everyone reading it.
 * Several requests can read one flight — a request whose prefix only adds characters the suggestion
 * predicted (typed-through), or a Tab that lands on a prefetch — so the upstream is aborted only when
 * nobody holds the flight any more.
 */
import type { RouterError, TierName } from '../../../lib/shared/protocol/ai';
import { anchorOf, charsTypedThrough } from '../../../lib/shared/typed-through';
import type { TierErrorInfo } from '../tiers/model-tier';
import type { RouterEvent } from './router-events';

export type FlightStatus = 'running' | 'done' | 'failed';

/**
 * A copy that shares no memory with `text`. A slice or concatenation of a request's prompt (or of an
 * upstream buffer) keeps the whole original alive for as long as the piece is kept; UTF-16 round-trips
 * every code unit, lone surrogates included.
 */
export function copyString(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

export class Flight {
  text = '';
  status: FlightStatus = 'running';
  tier: TierName | null = null;
  error: RouterError | null = null;
  readonly notices: TierErrorInfo[] = [];
  readonly controller = new AbortController();
  readonly startedAt = performance.now();
  firstChunkAt: number | null = null;
  lastChunkAt: number | null = null;
  chunkCount = 0;
  private holders = 0;
  private wake: (() => void) | null = null;
  private changed = new Promise<void>((resolve) => (this.wake = resolve));

  /** The end of the prefix the suggestion was asked for, and its suffix: copies, as the flight outlives the request. */
  private readonly anchor: string;
  readonly suffix: string;

  constructor(
    readonly key: string,
    prefix: string,
    suffix: string,
    readonly isPrefetch: boolean,
  ) {
    this.anchor = copyString(anchorOf(prefix));
    this.suffix = copyString(suffix);
  }

  get running(): boolean {
    return this.status === 'running';
  }

  hold(): void {
    this.holders++;
  }

  /** The last reader leaving a running flight cancels it end to end. */
  release(reason: string): void {
    this.holders = Math.max(0, this.holders - 1);
    if (this.holders === 0 && this.running) this.controller.abort(new Error(reason));
  }

  append(text: string, tier: TierName): void {
    const now = performance.now();
    this.firstChunkAt ??= now;
    this.lastChunkAt = now;
    this.chunkCount++;
    this.tier = tier;
    this.text += text;
    this.notify();
  }

  notice(error: TierErrorInfo): void {
    this.notices.push(error);
    this.notify();
  }

  finish(status: 'done' | 'failed', error: RouterError | null = null): void {
    if (!this.running) return;
    this.status = status;
    this.error = error;
    this.notify();
  }

  /**
   * How many characters of this suggestion the person has typed since it was requested, when the new
   * request's text is this one's plus a prefix of the suggestion; null when it is not a continuation.
   */
  typedThrough(prefix: string, suffix: string): number | null {
    if (suffix !== this.suffix || this.status === 'failed') return null;
    return charsTypedThrough(this.anchor, this.text, prefix);
  }

  /** Reads the flight from `offset`: chunks and notices as they happen, then how it ended. */
  async *read(offset: number, signal: AbortSignal): AsyncGenerator<RouterEvent> {
    let sent = offset;
    let noticesSent = 0;
    while (true) {
      signal.throwIfAborted();
      while (noticesSent < this.notices.length) yield { type: 'notice', error: this.notices[noticesSent++]! };
      if (this.text.length > sent) {
        const text = this.text.slice(sent);
        sent = this.text.length;
        yield { type: 'chunk', text };
      }
      if (!this.running) break;
      await Promise.race([this.changed, abortPromise(signal)]);
    }
    if (this.status !== 'failed') return;
    // Failed without an error: the flight itself was cancelled (too many in flight for this person).
    yield this.error ? { type: 'error', error: this.error } : { type: 'cancelled', reason: 'superseded' };
  }

  private notify(): void {
    this.wake?.();
    this.changed = new Promise<void>((resolve) => (this.wake = resolve));
  }
}

function abortPromise(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
