import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { simulatedCompletion } from '../../tools/sim/sim-content';
import { isTierError, TierError } from '../../server/ai/tiers/model-tier';
import { OpenAiTier, type OpenAiTierSettings } from '../../server/ai/tiers/openai-tier';
import { collect, completeRequest, editRequest, streamError } from './helpers';

let sim: ModelSimulator;
const tiers: OpenAiTier[] = [];

function tier(overrides: Partial<OpenAiTierSettings> = {}): OpenAiTier {
  const t = new OpenAiTier({ name: 'fast', url: sim.url, model: 'sim', format: 'fim', stallTimeoutMs: 5000, ...overrides });
  tiers.push(t);
  return t;
}

beforeAll(async () => {
  sim = await startModelSimulator();
});
afterEach(() => {
  sim.setBehaviour({ fault: 'none', ttftMs: 0, tokensPerSecond: 0, response: undefined, faultAfterTokens: 2 });
  for (const t of tiers.splice(0)) t.close();
});
afterAll(() => sim.close());

describe('OpenAI-compatible tier against the simulator', () => {
  it('streams chunk by chunk: chunks arrive while the simulator is still generating', async () => {
    sim.setBehaviour({ response: 'alpha beta gamma delta', fault: 'stall', faultAfterTokens: 3 });
    const controller = new AbortController();
    const received: string[] = [];
    for await (const chunk of tier().stream(completeRequest(), controller.signal)) {
      received.push(chunk);
      if (received.length === 3) break;
    }
    // The simulator never sent the 4th token: all three chunks arrived before the reply was complete.
    expect(received).toEqual(['alpha', ' beta', ' gamma']);
  });

  it('closes the upstream connection within 50 ms of a cancel, as the simulator observes', async () => {
    sim.setBehaviour({ response: 'one two three four', fault: 'stall', faultAfterTokens: 1 });
    const controller = new AbortController();
    const stream = tier().stream(completeRequest(), controller.signal);
    const first = sim.waitForRequest(sim.requests.length + 1);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toBe('one');
    const record = await first;
    const pending = iterator.next();
    const cancelledAt = performance.now();
    controller.abort(new Error('superseded'));
    await expect(pending).rejects.toThrow('superseded');
    const closed = await sim.waitForClose(record.id);
    expect(closed.closedByClient).toBe(true);
    expect(closed.closedAt! - cancelledAt).toBeLessThan(50);
  });

  it('closes the upstream when cancelled before the first token (hung endpoint)', async () => {
    sim.setBehaviour({ fault: 'hang' });
    const controller = new AbortController();
    const errorPromise = streamError(tier().stream(completeRequest(), controller.signal));
    const record = await sim.waitForRequest(sim.requests.length + 1);
    const cancelledAt = performance.now();
    controller.abort(new Error('cancelled'));
    expect(String(await errorPromise)).toContain('cancelled');
    const closed = await sim.waitForClose(record.id);
    expect(closed.closedAt! - cancelledAt).toBeLessThan(50);
  });

  it('reuses one keep-alive connection for consecutive requests', async () => {
    const t = tier();
    const before = sim.requests.length;
    await collect(t.stream(completeRequest(), new AbortController().signal));
    await collect(t.stream(completeRequest({ prefix: 'let x = ' }), new AbortController().signal));
    const [a, b] = sim.requests.slice(before);
    expect(a!.connectionId).toBe(b!.connectionId);
  });

  it('names the tier and the key setting when the key is refused (401)', async () => {
    sim.setBehaviour({ fault: '401' });
    const error = await streamError(tier().stream(completeRequest(), new AbortController().signal));
    expect(isTierError(error)).toBe(true);
    const tierError = error as TierError;
    expect(tierError.code).toBe('TIER_UNAUTHORIZED');
    expect(tierError.tier).toBe('fast');
    expect(tierError.message).toMatch(/fast tier .*refused the API key.*SPARKPAD_FAST_KEY/);
  });

  it.each([
    ['500', 'TIER_HTTP_ERROR'],
    ['429', 'TIER_RATE_LIMITED'],
    ['malformed', 'TIER_MALFORMED'],
  ] as const)('turns fault %s into %s', async (fault, code) => {
    sim.setBehaviour({ fault });
    const error = (await streamError(tier().stream(completeRequest(), new AbortController().signal))) as TierError;
    expect(error.code).toBe(code);
    expect(error.message).toContain('fast tier');
  });

  it('gives up with TIER_TIMEOUT when the stream stalls', async () => {
    sim.setBehaviour({ fault: 'stall', faultAfterTokens: 1 });
    const error = (await streamError(tier({ stallTimeoutMs: 100 }).stream(completeRequest(), new AbortController().signal))) as TierError;
    expect(error.code).toBe('TIER_TIMEOUT');
  });

  it('reports an unreachable endpoint', async () => {
    const error = (await streamError(tier({ url: 'http://127.0.0.1:9' }).stream(completeRequest(), new AbortController().signal))) as TierError;
    expect(error.code).toBe('TIER_UNREACHABLE');
  });

  it('takes per-request faults from the model name', async () => {
    const error = (await streamError(tier({ model: 'sim:fault=401' }).stream(completeRequest(), new AbortController().signal))) as TierError;
    expect(error.code).toBe('TIER_UNAUTHORIZED');
  });
});

describe('prompt formats', () => {
  const snippets = [{ path: 'src/util.ts', text: 'export const TAX = 0.2;' }];

  it('fim: other files first, then the path, then the prefix, with the suffix separate', async () => {
    const before = sim.requests.length;
    const text = (await collect(tier().stream(completeRequest({ snippets }), new AbortController().signal))).join('');
    const body = sim.requests[before]!.body as { prompt: string; suffix: string };
    expect(body.prompt.indexOf('TAX')).toBeLessThan(body.prompt.indexOf('Path: src/app.ts'));
    expect(body.prompt.endsWith('const total = ')).toBe(true);
    expect(body.suffix).toBe('\n');
    expect(text).toBe(simulatedCompletion(body.prompt));
  });

  it('fim prompts are append-only: a longer prefix extends the previous prompt', async () => {
    const t = tier();
    const before = sim.requests.length;
    await collect(t.stream(completeRequest({ snippets, prefix: 'const a = 1;\n' }), new AbortController().signal));
    await collect(t.stream(completeRequest({ snippets, prefix: 'const a = 1;\nconst b' }), new AbortController().signal));
    const [first, second] = sim.requests.slice(before).map((r) => (r.body as { prompt: string }).prompt);
    expect(second!.startsWith(first!)).toBe(true);
  });

  it('infill: llama.cpp fields, content chunks', async () => {
    const before = sim.requests.length;
    const text = (await collect(tier({ format: 'infill' }).stream(completeRequest({ snippets }), new AbortController().signal))).join('');
    const body = sim.requests[before]!.body as Record<string, unknown>;
    expect(sim.requests[before]!.endpoint).toBe('infill');
    expect(body.input_prefix).toBe('const total = ');
    expect(body.input_extra).toEqual([{ filename: 'src/util.ts', text: 'export const TAX = 0.2;' }]);
    expect(text).toBe(simulatedCompletion('const total = '));
  });

  it('chat: the model rewrites the editable region and only the insertion comes out', async () => {
    const request = completeRequest({ prefix: 'function f() {\n  return g(', suffix: ');\n}\n' });
    const chunks = await collect(tier({ format: 'chat' }).stream(request, new AbortController().signal));
    expect(chunks.join('')).toBe(simulatedCompletion('  return g('));
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('edit: sends the instruction and selection, streams the fenced replacement without the fence', async () => {
    const text = (await collect(tier({ format: 'fim' }).stream(editRequest(), new AbortController().signal))).join('');
    expect(text).toBe('// add types\n  return a + b;');
  });

  it('sends the key as a bearer token', async () => {
    const before = sim.requests.length;
    await collect(tier({ key: 'sk-test' }).stream(completeRequest(), new AbortController().signal));
    expect(sim.requests[before]!.headers.authorization).toBe('Bearer sk-test');
  });
});
