import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AiRouter, type CompleteInput, type RouterSettings } from '../../server/ai/routing/router';
import type { RouterEvent } from '../../server/ai/routing/router-events';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { OpenAiTier } from '../../server/ai/tiers/openai-tier';
import { chunks, events, gate, routerSettings, ScriptedTier, textOf, untilAborted } from './helpers';

let sim: ModelSimulator;
const closers: Array<() => void> = [];

beforeAll(async () => {
  sim = await startModelSimulator();
});
afterEach(() => {
  sim.setBehaviour({ fault: 'none', ttftMs: 0, tokensPerSecond: 0, response: undefined, faultAfterTokens: 2 });
  for (const close of closers.splice(0)) close();
});
afterAll(() => sim.close());

function simTier(name: 'fast' | 'deep' = 'fast'): OpenAiTier {
  const tier = new OpenAiTier({ name, url: sim.url, model: 'sim', format: 'fim', stallTimeoutMs: 5000 });
  closers.push(() => tier.close());
  return tier;
}

function routerWith(fast: ScriptedTier | OpenAiTier, settings: Partial<RouterSettings> = {}, embedded = new ScriptedTier('embedded', chunks(''))) {
  const deep = new ScriptedTier('deep', chunks('from deep'));
  const router = new AiRouter({ tiers: { fast, deep, embedded }, settings: routerSettings(settings) });
  return { router, embedded, deep };
}

function input(overrides: Partial<CompleteInput> = {}): CompleteInput {
  return { userId: 'ana', roomId: 'room-1', pin: 'auto', path: 'src/a.ts', language: 'typescript', prefix: 'const x = ', suffix: '\n', ...overrides };
}

function noticeMessage(list: RouterEvent[]): string {
  const notice = list.find((e) => e.type === 'notice');
  return notice?.type === 'notice' ? notice.error.message : '';
}

/** Reads events until `predicate` matches; leaves the stream open. */
async function readUntil(iterator: AsyncIterator<RouterEvent>, predicate: (e: RouterEvent) => boolean): Promise<RouterEvent[]> {
  const seen: RouterEvent[] = [];
  for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
    seen.push(r.value);
    if (predicate(r.value)) return seen;
  }
  throw new Error(`stream ended before the expected event: ${JSON.stringify(seen)}`);
}

describe('router: superseding and typed-through', () => {
  it('cancels a superseded complete upstream (the simulator sees the connection close)', async () => {
    sim.setBehaviour({ response: 'alpha beta gamma', fault: 'stall', faultAfterTokens: 1 });
    const { router } = routerWith(simTier());
    const before = sim.requests.length;
    const first = router.complete(input(), new AbortController().signal)[Symbol.asyncIterator]();
    await readUntil(first, (e) => e.type === 'chunk');
    const upstream = sim.requests[before]!;

    const second = router.complete(input({ prefix: 'let y = ' }), new AbortController().signal)[Symbol.asyncIterator]();
    const secondFirst = readUntil(second, (e) => e.type === 'chunk');
    expect((await first.next()).value).toEqual({ type: 'cancelled', reason: 'superseded' });
    const closed = await sim.waitForClose(upstream.id);
    expect(closed.closedByClient).toBe(true);
    await secondFirst;
    await second.return(undefined);
  });

  it('serves typed-through characters from the same stream with no new upstream request', async () => {
    sim.setBehaviour({ response: 'alpha beta gamma', fault: 'stall', faultAfterTokens: 2 });
    const { router } = routerWith(simTier());
    const first = router.complete(input(), new AbortController().signal)[Symbol.asyncIterator]();
    await readUntil(first, (e) => e.type === 'chunk' && e.text === ' beta');
    const requestsBefore = sim.requests.length;
    // The person typed "al", which the suggestion predicted.
    const second = router.complete(input({ prefix: 'const x = al' }), new AbortController().signal)[Symbol.asyncIterator]();
    const got = await readUntil(second, (e) => e.type === 'chunk');
    expect(textOf(got)).toBe('pha beta');
    expect(sim.requests.length).toBe(requestsBefore);
    expect(sim.requests.at(-1)!.closedAt).toBeUndefined(); // the upstream is still the same open stream
    await second.return(undefined);
  });

  it('reuses a finished suggestion when its characters are typed, reporting the source', async () => {
    const fast = new ScriptedTier('fast').enqueue(chunks('alpha', ' beta'));
    const { router } = routerWith(fast);
    expect(textOf(await events(router.complete(input(), new AbortController().signal)))).toBe('alpha beta');
    const list = await events(router.complete(input({ prefix: 'const x = alp' }), new AbortController().signal));
    expect(textOf(list)).toBe('ha beta');
    expect(list.at(-1)).toMatchObject({ type: 'done', stats: { source: 'typed-through' } });
    expect(fast.calls).toHaveLength(1);
  });

  it('answers the same text around the cursor from the cache', async () => {
    const fast = new ScriptedTier('fast').enqueue(chunks('42;'));
    const { router } = routerWith(fast);
    await events(router.complete(input(), new AbortController().signal));
    const list = await events(router.complete(input({ userId: 'bob' }), new AbortController().signal));
    expect(textOf(list)).toBe('42;');
    expect(list.at(-1)).toMatchObject({ type: 'done', stats: { source: 'cache' } });
    expect(fast.calls).toHaveLength(1);
  });

  it('prefetches the next suggestion as if this one were accepted, so Tab needs no new request', async () => {
    const fast = new ScriptedTier('fast').enqueue(chunks('compute('), chunks('a, b);'));
    const { router } = routerWith(fast, { prefetch: true });
    await events(router.complete(input(), new AbortController().signal));
    const list = await events(router.complete(input({ prefix: 'const x = compute(' }), new AbortController().signal));
    expect(textOf(list)).toBe('a, b);');
    expect(fast.calls).toHaveLength(2);
    expect(fast.calls[1]!.request).toMatchObject({ prefix: 'const x = compute(' });
  });

  it('keeps at most two completions in flight per person', async () => {
    const hang = (call: { signal: AbortSignal }) => (async function* () { yield await untilAborted(call.signal); })();
    const fast = new ScriptedTier('fast', hang);
    const { router } = routerWith(fast);
    const readers = ['a.ts', 'b.ts', 'c.ts'].map((path) => router.complete(input({ path }), new AbortController().signal)[Symbol.asyncIterator]());
    for (const reader of readers.slice(0, 2)) void reader.next();
    const third = readers[2]!.next();
    await until(() => fast.calls.length === 3);
    expect(fast.calls.map((c) => c.aborted)).toEqual([true, false, false]);
    for (const reader of readers) void reader.return(undefined);
    void third;
  });
});

describe('router: fallback, hedging, cooldown', () => {
  it('falls back from a failing fast tier and tells the person why', async () => {
    sim.setBehaviour({ fault: '500' });
    const embedded = new ScriptedTier('embedded', chunks('local()'));
    const { router } = routerWith(simTier(), {}, embedded);
    const list = await events(router.complete(input(), new AbortController().signal));
    const notice = list.find((e) => e.type === 'notice');
    expect(notice).toMatchObject({ type: 'notice', error: { code: 'TIER_HTTP_ERROR', tier: 'fast' } });
    expect(noticeMessage(list)).toMatch(/fast tier.*HTTP 500.*Using the deep tier instead/);
    expect(textOf(list)).toBe('from deep');
    expect(list.at(-1)).toMatchObject({ type: 'done', stats: { tier: 'deep' } });
  });

  it('falls back to the embedded engine when no deep tier is configured', async () => {
    sim.setBehaviour({ fault: 'stall', faultAfterTokens: 0 });
    const fast = new OpenAiTier({ name: 'fast', url: sim.url, format: 'fim', stallTimeoutMs: 50 });
    closers.push(() => fast.close());
    const embedded = new ScriptedTier('embedded', chunks('local()'));
    const router = new AiRouter({ tiers: { fast, deep: embedded, embedded }, settings: routerSettings() });
    const list = await events(router.complete(input(), new AbortController().signal));
    const notice = list.find((e) => e.type === 'notice');
    expect(notice).toMatchObject({ error: { code: 'TIER_TIMEOUT', tier: 'fast' } });
    expect(noticeMessage(list)).toMatch(/Using the embedded engine instead/);
    expect(textOf(list)).toBe('local()');
  });

  it('names the tier and the key setting when the fast tier answers 401', async () => {
    sim.setBehaviour({ fault: '401' });
    const { router } = routerWith(simTier());
    const list = await events(router.complete(input(), new AbortController().signal));
    const notice = list.find((e) => e.type === 'notice');
    expect(notice).toMatchObject({ error: { code: 'TIER_UNAUTHORIZED', tier: 'fast' } });
    expect(noticeMessage(list)).toMatch(/fast tier.*refused the API key.*SPARKPAD_FAST_KEY/);
  });

  it('returns the embedded answer when the remote tier is slow to its first token (hedging)', async () => {
    // Only the deadline's timer is faked: the remote never answers, so the embedded engine is asked exactly
    // when the deadline passes, however busy the machine is.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const hang = (call: { signal: AbortSignal }) => (async function* () { yield await untilAborted(call.signal); })();
      const fast = new ScriptedTier('fast', hang);
      const embedded = new ScriptedTier('embedded', chunks('hedged()'));
      const { router } = routerWith(fast, { firstTokenDeadlineMs: { fast: 500, deep: 500, embedded: 500 } }, embedded);
      const answer = events(router.complete(input(), new AbortController().signal));
      await until(() => fast.calls.length === 1);
      vi.advanceTimersByTime(499);
      expect(embedded.calls).toHaveLength(0);
      vi.advanceTimersByTime(1);
      const list = await answer;
      expect(textOf(list)).toBe('hedged()');
      expect(list.at(-1)).toMatchObject({ type: 'done', stats: { tier: 'embedded', source: 'model' } });
      // The slow remote request lost the race and was abandoned.
      expect(fast.calls[0]!.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not ask the embedded engine when the remote answers before the deadline', async () => {
    const fast = new ScriptedTier('fast').enqueue(chunks('remote()'));
    const { router, embedded } = routerWith(fast);
    expect(textOf(await events(router.complete(input(), new AbortController().signal)))).toBe('remote()');
    expect(embedded.calls).toHaveLength(0);
  });

  it('rests a tier that keeps failing, then tries it again after the cooldown', async () => {
    let now = 1_000;
    const failing = () => (async function* () { yield await Promise.reject(new (await import('../../server/ai/tiers/model-tier')).TierError('TIER_HTTP_ERROR', 'fast', 'fast tier broke')); })();
    const fast = new ScriptedTier('fast', failing);
    const deep = new ScriptedTier('deep', chunks('deep()'));
    const embedded = new ScriptedTier('embedded', chunks(''));
    const router = new AiRouter({ tiers: { fast, deep, embedded }, settings: routerSettings({ failuresBeforeCooldown: 2, cooldownMs: 60_000 }), now: () => now });
    for (const prefix of ['a = ', 'b = ']) await events(router.complete(input({ prefix }), new AbortController().signal));
    expect(fast.calls).toHaveLength(2);
    const rested = await events(router.complete(input({ prefix: 'c = ' }), new AbortController().signal));
    expect(fast.calls).toHaveLength(2);
    expect(rested.find((e) => e.type === 'notice')).toMatchObject({ error: { code: 'TIER_COOLING_DOWN', tier: 'fast' } });
    expect(textOf(rested)).toBe('deep()');
    now += 60_001;
    await events(router.complete(input({ prefix: 'd = ' }), new AbortController().signal));
    expect(fast.calls).toHaveLength(3);
  });
});

describe('router: budgets, limits, tier choice', () => {
  it('trims a prompt over the budget to its end, never sending it whole', async () => {
    const fast = new ScriptedTier('fast', chunks('x'));
    const { router } = routerWith(fast, { promptBudgetTokens: 256 });
    const huge = `${'let filler = 1;\n'.repeat(10_000)}const last = `;
    await events(router.complete(input({ prefix: huge, suffix: `\n${'tail();\n'.repeat(5000)}` }), new AbortController().signal));
    const sent = fast.calls[0]!.request as { prefix: string; suffix: string };
    expect(sent.prefix.length + sent.suffix.length).toBeLessThanOrEqual(256 * 3);
    expect(sent.prefix.endsWith('const last = ')).toBe(true);
    expect(sent.suffix.startsWith('\ntail();')).toBe(true);
  });

  it('refuses requests over the per-person rate limit with a named error', async () => {
    const { router } = routerWith(new ScriptedTier('fast', chunks('x')), { userRequestsPerMinute: 2 });
    for (const prefix of ['a', 'b']) await events(router.complete(input({ prefix }), new AbortController().signal));
    const list = await events(router.complete(input({ prefix: 'c' }), new AbortController().signal));
    expect(list).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'RATE_LIMITED' }) }]);
  });

  it('refuses a burst over the per-second limit, at the limit and one past it', async () => {
    const { router } = routerWith(new ScriptedTier('fast', chunks('x')), { userRequestsPerSecond: 3 });
    for (const prefix of ['a', 'b', 'c']) {
      const list = await events(router.complete(input({ prefix }), new AbortController().signal));
      expect(list.some((event) => event.type === 'error')).toBe(false);
    }
    const past = await events(router.complete(input({ prefix: 'd' }), new AbortController().signal));
    expect(past).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'RATE_LIMITED' }) }]);
  });

  it('sends a small edit to fast and a large one to deep under auto; a pin wins', async () => {
    const fast = new ScriptedTier('fast', chunks('fast'));
    const { router, deep } = routerWith(fast);
    const edit = (region: string, pin: 'auto' | 'fast' = 'auto') =>
      events(router.edit({ userId: 'ana', roomId: 'r', pin, path: 'a.ts', language: 'typescript', prefix: '', suffix: '', instruction: 'tidy', region }, new AbortController().signal));
    expect(textOf(await edit('x = 1;'))).toBe('fast');
    const large = 'line();\n'.repeat(40);
    expect(textOf(await edit(large))).toBe('from deep');
    expect(textOf(await edit(large, 'fast'))).toBe('fast');
    expect(deep.calls).toHaveLength(1);
  });

  it('sends chat to deep by default and falls back to fast when deep fails', async () => {
    const fast = new ScriptedTier('fast', chunks('fast answer'));
    const { router, deep } = routerWith(fast);
    expect(textOf(await events(router.chat({ userId: 'a', roomId: 'r', pin: 'auto', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal)))).toBe('from deep');
    expect(deep.calls).toHaveLength(1);
  });
});

/** Resolves once `condition` holds, checking after each turn of the event loop. */
function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (condition() ? resolve() : setImmediate(check));
    check();
  });
}
