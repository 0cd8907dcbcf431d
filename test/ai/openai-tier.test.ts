import { describe, expect, it } from 'vitest';
import { useSimulatorTiers } from '../helpers/simulator-tiers';
import { simulatedCompletion } from '../../tools/sim/sim-content';
import { isTierError, TierError } from '../../server/ai/tiers/model-tier';
import { collect, completeRequest, editRequest, streamError } from './helpers';

const fx = useSimulatorTiers();
const tier = fx.tier.bind(fx);

describe('OpenAI-compatible tier against the simulator', () => {
  it('streams chunk by chunk: chunks arrive while the simulator is still generating', async () => {
    fx.sim.setBehaviour({ response: 'alpha beta gamma delta', fault: 'stall', faultAfterTokens: 3 });
    const controller = new AbortController();
    const received: string[] = [];
    for await (const chunk of tier().stream(completeRequest(), controller.signal)) {
      received.push(chunk);
      if (received.length === 3) break;
    }
    // The simulator never sent the 4th token: all three chunks arrived before the reply was complete.
    expect(received).toEqual(['alpha', ' beta', ' gamma']);
  });

  it('closes the upstream connection on a cancel, as the simulator observes', async () => {
    fx.sim.setBehaviour({ response: 'one two three four', fault: 'stall', faultAfterTokens: 1 });
    const controller = new AbortController();
    const stream = tier().stream(completeRequest(), controller.signal);
    const first = fx.sim.waitForRequest(fx.sim.requests.length + 1);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toBe('one');
    const record = await first;
    const pending = iterator.next();
    controller.abort(new Error('superseded'));
    await expect(pending).rejects.toThrow('superseded');
    const closed = await fx.sim.waitForClose(record.id);
    // The stalled simulator would hold the connection open for ever: only the client's cancel closes it.
    expect(closed.closedByClient).toBe(true);
  });

  it('closes the upstream when cancelled before the first token (hung endpoint)', async () => {
    fx.sim.setBehaviour({ fault: 'hang' });
    const controller = new AbortController();
    const errorPromise = streamError(tier().stream(completeRequest(), controller.signal));
    const record = await fx.sim.waitForRequest(fx.sim.requests.length + 1);
    controller.abort(new Error('cancelled'));
    expect(String(await errorPromise)).toContain('cancelled');
    expect((await fx.sim.waitForClose(record.id)).closedByClient).toBe(true);
  });

  it('reuses one keep-alive connection for consecutive requests', async () => {
    const t = tier();
    const before = fx.sim.requests.length;
    await collect(t.stream(completeRequest(), new AbortController().signal));
    await collect(t.stream(completeRequest({ prefix: 'let x = ' }), new AbortController().signal));
    const [a, b] = fx.sim.requests.slice(before);
    expect(a!.connectionId).toBe(b!.connectionId);
  });

  it('names the tier and the key setting when the key is refused (401)', async () => {
    fx.sim.setBehaviour({ fault: '401' });
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
    fx.sim.setBehaviour({ fault });
    const error = (await streamError(tier().stream(completeRequest(), new AbortController().signal))) as TierError;
    expect(error.code).toBe(code);
    expect(error.message).toContain('fast tier');
  });

  it('gives up with TIER_TIMEOUT when the stream stalls', async () => {
    fx.sim.setBehaviour({ fault: 'stall', faultAfterTokens: 1 });
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
    const before = fx.sim.requests.length;
    const text = (await collect(tier().stream(completeRequest({ snippets }), new AbortController().signal))).join('');
    const body = fx.sim.requests[before]!.body as { prompt: string; suffix: string };
    expect(body.prompt.indexOf('TAX')).toBeLessThan(body.prompt.indexOf('Path: src/app.ts'));
    expect(body.prompt.endsWith('const total = ')).toBe(true);
    expect(body.suffix).toBe('\n');
    expect(text).toBe(simulatedCompletion(body.prompt));
  });

  it('fim prompts are append-only: a longer prefix extends the previous prompt', async () => {
    const t = tier();
    const before = fx.sim.requests.length;
    await collect(t.stream(completeRequest({ snippets, prefix: 'const a = 1;\n' }), new AbortController().signal));
    await collect(t.stream(completeRequest({ snippets, prefix: 'const a = 1;\nconst b' }), new AbortController().signal));
    const [first, second] = fx.sim.requests.slice(before).map((r) => (r.body as { prompt: string }).prompt);
    expect(second!.startsWith(first!)).toBe(true);
  });

  it('infill: llama.cpp fields, content chunks', async () => {
    const before = fx.sim.requests.length;
    const text = (await collect(tier({ format: 'infill' }).stream(completeRequest({ snippets }), new AbortController().signal))).join('');
    const body = fx.sim.requests[before]!.body as Record<string, unknown>;
    expect(fx.sim.requests[before]!.endpoint).toBe('infill');
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
    const before = fx.sim.requests.length;
    await collect(tier({ key: 'sk-test' }).stream(completeRequest(), new AbortController().signal));
    expect(fx.sim.requests[before]!.headers.authorization).toBe('Bearer sk-test');
  });
});
