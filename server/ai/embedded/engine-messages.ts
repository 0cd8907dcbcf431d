/**
 * What the main thread and the embedded engine's worker thread say to each other. Room files travel as a
 * whole once and as text deltas after; requests carry an id, and a cancel with the same id drops a request
 * the worker has not started yet.
 */
import type { CorpusStats, EmbeddedInput } from './embedded-engine';
import type { TextDelta } from './text-delta';

/** Requests that expect a reply, keyed by `kind`; `EngineReplies` gives each one's answer. */
export type EngineRequest =
  | { kind: 'load' }
  | { kind: 'complete'; input: EmbeddedInput }
  | { kind: 'stats' };

export interface EngineReplies {
  load: CorpusStats;
  complete: { text: string; ms: number };
  stats: EngineStats;
}

export interface EngineStats {
  rooms: number;
  /** The worker's thread id: never 0, the main thread's. */
  threadId: number;
  heapUsedBytes: number;
}

/** What the main thread sends a worker; `Request` is that worker's own request union. */
export type ToEngine<Request = EngineRequest> =
  | { type: 'file'; room: string; path: string; text: string }
  | { type: 'delta'; room: string; path: string; delta: TextDelta }
  | { type: 'remove'; room: string; path: string }
  | { type: 'close-room'; room: string }
  | { type: 'request'; id: number; request: Request }
  | { type: 'cancel'; id: number };

export type FromEngine = { type: 'reply'; id: number; ok: true; value: unknown } | { type: 'reply'; id: number; ok: false; message: string };
