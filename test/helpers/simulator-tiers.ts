import { afterAll, afterEach, beforeAll } from 'vitest';
import { OpenAiTier, type OpenAiTierSettings } from '../../server/ai/tiers/openai-tier';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';

export interface SimulatorTiers {
  /** The file's simulator, started before its first test; behaviour reset after each test. */
  readonly sim: ModelSimulator;
  /** An OpenAI-compatible tier pointed at the simulator, closed after the test that made it. */
  tier(overrides?: Partial<OpenAiTierSettings>): OpenAiTier;
}

/** One model simulator per test file and the tiers its tests point at it, with `defaults` for every tier. */
export function useSimulatorTiers(defaults: Partial<OpenAiTierSettings> = {}): SimulatorTiers {
  let sim: ModelSimulator | undefined;
  const tiers: OpenAiTier[] = [];
  beforeAll(async () => {
    sim = await startModelSimulator();
  });
  afterEach(() => {
    sim?.setBehaviour({ fault: 'none', ttftMs: 0, tokensPerSecond: 0, response: undefined, faultAfterTokens: 2 });
    for (const t of tiers.splice(0)) t.close();
  });
  afterAll(() => sim?.close());
  return {
    get sim() {
      if (!sim) throw new Error('the simulator starts in beforeAll');
      return sim;
    },
    tier(overrides = {}) {
      const t = new OpenAiTier({ name: 'fast', url: this.sim.url, model: 'sim', format: 'fim', stallTimeoutMs: 5000, ...defaults, ...overrides });
      tiers.push(t);
      return t;
    },
  };
}
