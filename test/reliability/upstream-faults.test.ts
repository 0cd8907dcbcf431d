import { describe, expect, it } from 'vitest';
import { useSimulatorTiers } from '../helpers/simulator-tiers';
import { isTierError } from '../../server/ai/tiers/model-tier';
import type { OpenAiTier } from '../../server/ai/tiers/openai-tier';
import { completeRequest, streamError } from '../ai/helpers';

const fx = useSimulatorTiers({ stallTimeoutMs: 400, requestDeadlineMs: 1_500, maxSseLineBytes: 64 * 1024 });
const tier = fx.tier.bind(fx);

/** Runs the stream to its error; resolves with the error and how long it took. */
async function failure(t: OpenAiTier) {
  const started = performance.now();
  const error = await streamError(t.stream(completeRequest(), new AbortController().signal));
  return { error, ms: performance.now() - started };
}

describe('a model endpoint that sends bytes but never tokens', () => {
  it('drip-feeding one byte of a line at a time: bytes that never finish an event are silence (TIER_TIMEOUT)', async () => {
    fx.sim.setBehaviour({ response: 'a b c d e f', fault: 'drip', faultAfterTokens: 1 });
    const { error, ms } = await failure(tier({ requestDeadlineMs: 60_000 }));
    expect(isTierError(error) && error.code).toBe('TIER_TIMEOUT');
    expect(ms).toBeLessThan(5_000);
  });

  it('trickling real tokens forever, each inside the stall timer: the request ends at its overall deadline', async () => {
    fx.sim.setBehaviour({ response: Array.from({ length: 500 }, (_, i) => `t${i}`).join(' '), tokensPerSecond: 10 });
    const { error, ms } = await failure(tier());
    expect(isTierError(error) && error.code).toBe('TIER_TIMEOUT');
    expect((error as Error).message).toMatch(/did not finish within 1500 ms/);
    expect(ms).toBeLessThan(5_000);
  });

  it('sending only SSE comments: the stall timer counts them as silence (TIER_TIMEOUT)', async () => {
    fx.sim.setBehaviour({ response: 'a b c d e f', fault: 'comments', faultAfterTokens: 1 });
    const { error, ms } = await failure(tier({ requestDeadlineMs: 60_000 }));
    expect(isTierError(error) && error.code).toBe('TIER_TIMEOUT');
    expect(ms).toBeLessThan(5_000);
  });

  it('one data line that never ends: refused once it passes the line limit (TIER_MALFORMED)', async () => {
    fx.sim.setBehaviour({ response: 'a b c d e f', fault: 'longline', faultAfterTokens: 1 });
    const { error } = await failure(tier({ requestDeadlineMs: 60_000, stallTimeoutMs: 60_000 }));
    expect(isTierError(error) && error.code).toBe('TIER_MALFORMED');
    expect(String((error as Error).message)).toMatch(/line/);
  });

  it('still streams a normal reply to its end', async () => {
    fx.sim.setBehaviour({ response: 'alpha beta', tokensPerSecond: 50 });
    const chunks: string[] = [];
    for await (const chunk of tier().stream(completeRequest(), new AbortController().signal)) chunks.push(chunk);
    expect(chunks.join('')).toBe('alpha beta');
  });
});
