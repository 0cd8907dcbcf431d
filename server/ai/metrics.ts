/**
 * Prometheus metrics for Spark. The server (server/metrics.ts) owns the Registry (served at /api/metrics); this only
 * registers on it, so tests can use their own Registry without global state.
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { LatencyStats } from '../../lib/shared/protocol/ai';
import type { TierErrorInfo } from './tiers/model-tier';

export interface AiMetrics {
  request(kind: string): void;
  served(kind: string, stats: LatencyStats): void;
  tierError(error: TierErrorInfo): void;
  cancelled(kind: string): void;
  /** Keystroke to first suggested character on screen, as the browser measured it. */
  clientLatency(ms: number): void;
}

export function registerAiMetrics(registry: Registry): AiMetrics {
  const requests = new Counter({
    name: 'sparkpad_ai_requests_total',
    help: 'AI requests received, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const served = new Counter({
    name: 'sparkpad_ai_served_total',
    help: 'AI requests answered, by kind, tier and source (model, cache, typed-through, prefetch)',
    labelNames: ['kind', 'tier', 'source'],
    registers: [registry],
  });
  const firstToken = new Histogram({
    name: 'sparkpad_ai_first_token_seconds',
    help: 'Time from a request reaching the server to its first chunk leaving it',
    labelNames: ['kind', 'tier', 'source'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const tokensPerSecond = new Histogram({
    name: 'sparkpad_ai_tokens_per_second',
    help: 'Streamed chunks per second after the first, per tier',
    labelNames: ['tier'],
    buckets: [10, 25, 50, 100, 200, 400, 800, 1600],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'sparkpad_ai_tier_errors_total',
    help: 'Tier failures, by tier and error code',
    labelNames: ['tier', 'code'],
    registers: [registry],
  });
  const cancels = new Counter({
    name: 'sparkpad_ai_cancels_total',
    help: 'AI requests cancelled or superseded before they finished',
    labelNames: ['kind'],
    registers: [registry],
  });
  const keystrokeToFirstChar = new Histogram({
    name: 'sparkpad_ai_keystroke_to_first_char_seconds',
    help: 'Keystroke to the first character of a suggestion on screen, reported by browsers',
    buckets: [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2],
    registers: [registry],
  });
  return {
    request: (kind) => requests.inc({ kind }),
    clientLatency: (ms) => keystrokeToFirstChar.observe(ms / 1000),
    served(kind, stats) {
      const tier = stats.tier ?? 'none';
      served.inc({ kind, tier, source: stats.source });
      if (stats.firstTokenMs !== null) firstToken.observe({ kind, tier, source: stats.source }, stats.firstTokenMs / 1000);
      if (stats.tokensPerSecond !== null) tokensPerSecond.observe({ tier }, stats.tokensPerSecond);
    },
    tierError: (error) => errors.inc({ tier: error.tier, code: error.code }),
    cancelled: (kind) => cancels.inc({ kind }),
  };
}

/** For tests and callers without a registry. */
export const NO_METRICS: AiMetrics = { request() {}, served() {}, tierError() {}, cancelled() {}, clientLatency() {} };
