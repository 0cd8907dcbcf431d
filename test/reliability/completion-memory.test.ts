import { describe, expect, it } from 'vitest';
import { AiRouter } from '../../server/ai/routing/router';
import type { CompleteInput } from '../../server/ai/routing/completions';
import { chunks, events, routerSettings, ScriptedTier } from '../ai/helpers';

function routerWith(settings: Parameters<typeof routerSettings>[0]) {
  const fast = new ScriptedTier('fast', chunks('x'));
  const tiers = { fast, deep: new ScriptedTier('deep', chunks('y')), embedded: new ScriptedTier('embedded', chunks('')) };
  return new AiRouter({ tiers, settings: routerSettings(settings) });
}

const input = (overrides: Partial<CompleteInput>): CompleteInput => ({
  userId: 'ana',
  roomId: 'room-1',
  pin: 'auto',
  path: 'a.ts',
  language: 'typescript',
  prefix: 'const x = ',
  suffix: '\n',
  ...overrides,
});

describe('completion flights, kept per person and file (both chosen by the client)', () => {
  it('stay within their limit however many file names one person sends', async () => {
    const router = routerWith({ flightSlots: 50 });
    for (let i = 0; i < 600; i++) {
      await events(router.complete(input({ path: `made-up-${i}.ts`, prefix: `const v${i} = ` }), new AbortController().signal));
    }
    expect(router.retainedFlights).toBeLessThanOrEqual(50);
  });

  it('stay within their limit however many person ids are sent', async () => {
    const router = routerWith({ flightSlots: 50 });
    for (let i = 0; i < 600; i++) {
      await events(router.complete(input({ userId: `person-${i}` }), new AbortController().signal));
    }
    expect(router.retainedFlights).toBeLessThanOrEqual(50);
  });

  it('go when their person disconnects', async () => {
    const router = routerWith({});
    for (let i = 0; i < 5; i++) await events(router.complete(input({ path: `f${i}.ts` }), new AbortController().signal));
    await events(router.complete(input({ userId: 'bo' }), new AbortController().signal));
    expect(router.retainedFlights).toBe(6);
    router.forgetUser('ana');
    expect(router.retainedFlights).toBe(1);
  });

  it('still continue a suggestion the person types through', async () => {
    const fast = new ScriptedTier('fast', chunks('total + 1;'));
    const router = new AiRouter({
      tiers: { fast, deep: new ScriptedTier('deep', chunks('')), embedded: new ScriptedTier('embedded', chunks('')) },
      settings: routerSettings({ flightSlots: 50 }),
    });
    await events(router.complete(input({ prefix: 'const x = ' }), new AbortController().signal));
    const next = await events(router.complete(input({ prefix: 'const x = total' }), new AbortController().signal));
    expect(next.find((e) => e.type === 'done')).toMatchObject({ stats: { source: 'typed-through' } });
    expect(fast.calls).toHaveLength(1);
  });
});
