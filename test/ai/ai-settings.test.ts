import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import { createSparkAi } from '../../server/ai/ai-service';
import { events } from './helpers';

const base = { SPARKPAD_EMBEDDED_CORPUS_BYTES: '0' };
const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe('AI settings', () => {
  it('with no URL, fast and deep both resolve to the embedded engine', () => {
    const ai = createSparkAi(loadConfig(env(base)));
    expect(ai.tiers.fast).toBe(ai.tiers.embedded);
    expect(ai.tiers.deep).toBe(ai.tiers.embedded);
  });

  it('with only a fast URL, instructions go to the fast endpoint and completions stay remote-first', () => {
    const ai = createSparkAi(loadConfig(env({ ...base, SPARKPAD_FAST_URL: 'http://127.0.0.1:9/v1', SPARKPAD_FAST_FORMAT: 'fim' })));
    expect(ai.tiers.fast.name).toBe('fast');
    expect(ai.tiers.deep).toBe(ai.tiers.fast);
    ai.close();
  });

  it.each([
    ['SPARKPAD_FAST_URL', 'ftp://models.example'],
    ['SPARKPAD_DEEP_URL', 'not a url'],
    ['SPARKPAD_FAST_FORMAT', 'xml'],
    ['SPARKPAD_FAST_FIRST_TOKEN_DEADLINE_MS', '-5'],
    ['SPARKPAD_AI_PROMPT_BUDGET_TOKENS', 'lots'],
    ['SPARKPAD_AI_PREFETCH', 'maybe'],
  ])('refuses to start on a bad %s, naming it', (name, value) => {
    expect(() => loadConfig(env({ ...base, [name]: value }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ ...base, [name]: value }))).toThrow(name);
  });

  it('refuses a key without an endpoint', () => {
    expect(() => createSparkAi(loadConfig(env({ ...base, SPARKPAD_DEEP_KEY: 'sk-x' })))).toThrow(/SPARKPAD_DEEP_URL/);
  });

  it('registers its metrics on the registry it is given', async () => {
    const registry = new Registry();
    const ai = createSparkAi(loadConfig(env(base)), { registry });
    const input = { userId: 'u', roomId: 'r', pin: 'auto' as const, path: 'a.ts', language: 'typescript', prefix: 'let a = 1;\nlet b = a', suffix: '' };
    await events(ai.router.complete(input, new AbortController().signal));
    const text = await registry.metrics();
    expect(text).toContain('sparkpad_ai_requests_total{kind="complete"} 1');
    expect(text).toContain('sparkpad_ai_first_token_seconds');
  });
});
