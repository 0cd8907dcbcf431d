/**
 * Text Spark already has (a code block from a chat answer) played out like a model's stream, at a typing
 * pace, so "Apply as edit" goes through the same edit path as an instruction: Spark's cursor moves as it
 * types, a person typing inside stops it, and it undoes as one step.
 */
import type { RouterEvent } from '../routing/router';

const TICK_MS = 20;
/** A block is typed in about 150 ticks (3 s) however long it is: visibly typed, never a long wait. */
const TICKS = 150;
/** But never slower than 100 characters a second, so a one-liner does not crawl. */
const MIN_CHARS_PER_TICK = 2;

export async function* typeOut(text: string, signal: AbortSignal): AsyncGenerator<RouterEvent> {
  const step = Math.max(MIN_CHARS_PER_TICK, Math.ceil(text.length / TICKS));
  const startedAt = performance.now();
  for (let i = 0; i < text.length; i += step) {
    if (signal.aborted) return void (yield { type: 'cancelled', reason: 'cancelled' });
    yield { type: 'chunk', text: text.slice(i, i + step) };
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  const seconds = (performance.now() - startedAt) / 1000;
  yield {
    type: 'done',
    stats: { tier: null, source: 'apply', firstTokenMs: 0, tokensPerSecond: seconds > 0 ? Math.round(text.length / step / seconds) : null, chars: text.length },
  };
}
