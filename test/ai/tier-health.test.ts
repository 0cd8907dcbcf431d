import { describe, expect, it } from 'vitest';
import { TierHealth } from '../../server/ai/routing/tier-plan';

describe('tier health', () => {
  it('never rests a tier for requests it declares it cannot serve', () => {
    const health = new TierHealth(3, 60_000, () => 1_000);
    for (let i = 0; i < 5; i++) health.failure({ code: 'TIER_UNSUPPORTED', tier: 'embedded', message: 'the embedded engine only completes code' });
    expect(health.coolingDown('embedded')).toBeNull();
  });

  it('rests a tier after real failures in a row', () => {
    const health = new TierHealth(3, 60_000, () => 1_000);
    for (const code of ['TIER_UNREACHABLE', 'TIER_HTTP_ERROR', 'TIER_TIMEOUT'] as const) {
      health.failure({ code, tier: 'fast', message: 'fast tier failed' });
    }
    expect(health.coolingDown('fast')).toMatchObject({ code: 'TIER_COOLING_DOWN', tier: 'fast' });
  });
});
