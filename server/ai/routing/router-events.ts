/**
 * What the router tells its caller while it serves a request: text as it arrives, notices (a tier failed
 * and another took over, with the reason), and a final done with latency figures, or an error value.
 */
import type { LatencyStats, RouterError } from '../../../lib/shared/protocol/ai';
import type { TierErrorInfo } from '../tiers/model-tier';

export type RouterEvent =
  | { type: 'chunk'; text: string }
  | { type: 'notice'; error: TierErrorInfo }
  | { type: 'error'; error: RouterError }
  | { type: 'done'; stats: LatencyStats }
  /** The request ended early: the person cancelled it, or a newer request from them replaced it. */
  | { type: 'cancelled'; reason: 'cancelled' | 'superseded' };
