/**
 * Runs a request down its tier chain: the first tier (hedged with the embedded engine when it is a remote
 * completion tier), and on a failure before any text, the next tier — telling the person why. A failure
 * after some text keeps the text and ends with the notice: a half-shown suggestion must not change under them.
 */
import type { RouterError, TierName } from '../../../lib/shared/protocol/ai';
import { isTierError, TierError, type ModelTier, type TierErrorInfo, type TierRequest } from '../tiers/model-tier';
import { hedgedStream } from './hedged-stream';
import type { TierHealth, TierPlan } from './tier-plan';

export type ChainEvent =
  | { type: 'chunk'; tier: TierName; text: string }
  | { type: 'notice'; error: TierErrorInfo }
  | { type: 'failed'; error: RouterError };

export interface ChainOptions {
  health: TierHealth;
  /** The engine to race against a slow first token; null for edits and chat, which it cannot serve. */
  hedgeWith: ModelTier | null;
  firstTokenDeadlineMs(tier: ModelTier): number;
  signal: AbortSignal;
  onTierError?(error: TierErrorInfo): void;
}

function describe(tier: ModelTier): string {
  return tier.name === 'embedded' ? 'the embedded engine' : `the ${tier.name} tier`;
}

function asTierError(error: unknown, tier: ModelTier): TierErrorInfo {
  if (isTierError(error)) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return new TierError('TIER_MALFORMED', tier.name, `${tier.label} failed: ${message}`).toInfo();
}

export async function* streamChain(plan: TierPlan, request: TierRequest, options: ChainOptions): AsyncGenerator<ChainEvent> {
  for (const skipped of plan.skipped) yield { type: 'notice', error: skipped };
  let last: TierErrorInfo | null = plan.skipped.at(-1) ?? null;
  for (let i = 0; i < plan.chain.length; i++) {
    const tier = plan.chain[i]!;
    const hedge = tier === options.hedgeWith ? null : options.hedgeWith;
    let produced = false;
    try {
      for await (const chunk of hedgedStream(tier, hedge, request, options.firstTokenDeadlineMs(tier), options.signal)) {
        produced = true;
        yield { type: 'chunk', tier: chunk.tier, text: chunk.text };
      }
      // Only an answer from this tier proves it healthy; a hedge win says nothing either way.
      options.health.success(tier.name);
      return;
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason;
      const info = asTierError(error, tier);
      last = info;
      options.health.failure(info);
      options.onTierError?.(info);
      const next = plan.chain[i + 1];
      if (produced || !next) {
        yield { type: 'notice', error: info };
        if (produced) return;
        continue;
      }
      yield { type: 'notice', error: { ...info, message: `${info.message} Using ${describe(next)} instead.` } };
    }
  }
  yield {
    type: 'failed',
    error: last
      ? { code: last.code, tier: last.tier, message: last.message }
      : { code: 'NO_TIER_AVAILABLE', message: 'No model tier can serve this request right now.' },
  };
}
