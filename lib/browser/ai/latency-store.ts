import { create } from 'zustand';
import type { LatencyStats } from '../../shared/protocol/ai';

/**
 * What each inline suggestion cost, as the person felt it: the server's figures (tier, time to first
 * token, tokens per second) joined with the one only the browser can measure, keystroke to first
 * character on screen. The status bar shows the last shown suggestion; `window.sparkpad.suggestions()`
 * hands the recent ones to the benchmark.
 */
export interface SuggestionLatency {
  id: string;
  file: string;
  /** Set when the server finished; null while streaming or when it failed. */
  tier: LatencyStats['tier'];
  source: LatencyStats['source'] | null;
  /** Server: request arrival to first chunk leaving it. */
  firstTokenMs: number | null;
  /** Browser: the keydown that led to the request, to the first ghost-text character in the DOM. */
  keystrokeToFirstCharMs: number | null;
  tokensPerSecond: number | null;
  chars: number;
  /** A tier failed and another answered: `CODE: message`, the message naming the tier. */
  notice: string | null;
  /** The request failed: `CODE: message`. */
  error: string | null;
  /** Epoch milliseconds when the request was sent. */
  requestedAt: number;
}

/** Enough for a benchmark run to read in batches; old entries fall off. */
export const LATENCY_HISTORY = 200;

export const useLatencyStore = create<{ entries: SuggestionLatency[] }>(() => ({ entries: [] }));

/** Creates or updates the entry of one suggestion. */
export function recordLatency(id: string, patch: Partial<SuggestionLatency>): void {
  useLatencyStore.setState(({ entries }) => {
    const index = entries.findLastIndex((e) => e.id === id);
    if (index === -1) {
      const entry: SuggestionLatency = {
        id,
        file: '',
        tier: null,
        source: null,
        firstTokenMs: null,
        keystrokeToFirstCharMs: null,
        tokensPerSecond: null,
        chars: 0,
        notice: null,
        error: null,
        requestedAt: Date.now(),
        ...patch,
      };
      return { entries: [...entries, entry].slice(-LATENCY_HISTORY) };
    }
    const next = entries.slice();
    next[index] = { ...entries[index]!, ...patch };
    return { entries: next };
  });
}

/** The suggestion the readout describes: the last one that reached the screen. */
export function lastShownSuggestion(entries: readonly SuggestionLatency[]): SuggestionLatency | null {
  return entries.findLast((e) => e.keystrokeToFirstCharMs !== null) ?? null;
}

/** Why a request went wrong, if it did: its error, or the notice of a tier that failed and was replaced. */
export function problemOf(entry: SuggestionLatency | null): { kind: 'error' | 'notice'; text: string } | null {
  if (entry?.error) return { kind: 'error', text: entry.error };
  if (entry?.notice) return { kind: 'notice', text: entry.notice };
  return null;
}
