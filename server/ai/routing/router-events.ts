/**
 * What the router tells its caller while it serves a request: text as it arrives, notices (a tier failed
 * and another took over, with the reason), and a final done with latency figures, or an error value.
 */
import type { TierErrorCode, TierErrorInfo, TierName } from '../tiers/model-tier';

export const ROUTER_ERROR = {
  RATE_LIMITED: 'RATE_LIMITED',
  NO_TIER_AVAILABLE: 'NO_TIER_AVAILABLE',
} as const;

export type RouterErrorCode = keyof typeof ROUTER_ERROR | TierErrorCode;

export interface RouterError {
  code: RouterErrorCode;
  message: string;
  tier?: TierName;
  retryAfterMs?: number;
}

/**
 * Where the text came from: a model call, the cache, a suggestion being typed through, a prefetch, or
 * (edits only) text applied from a chat answer, which Spark types without a model.
 */
export type CompletionSource = 'model' | 'cache' | 'typed-through' | 'prefetch' | 'apply';

export interface LatencyStats {
  tier: TierName | null;
  source: CompletionSource;
  /** From the request reaching the router to the first chunk leaving it. */
  firstTokenMs: number | null;
  /** Model chunks per second after the first; null when it came in one piece. */
  tokensPerSecond: number | null;
  chars: number;
}

export type RouterEvent =
  | { type: 'chunk'; text: string }
  | { type: 'notice'; error: TierErrorInfo }
  | { type: 'error'; error: RouterError }
  | { type: 'done'; stats: LatencyStats }
  /** The request ended early: the person cancelled it, or a newer request from them replaced it. */
  | { type: 'cancelled'; reason: 'cancelled' | 'superseded' };
