import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFiles, EMBEDDED_HELDOUT_PACKAGES } from '../../server/ai/embedded/corpus';
import { EmbeddedEngine } from '../../server/ai/embedded/embedded-engine';
import { EmbeddedTier } from '../../server/ai/tiers/embedded-tier';
import type { TierError } from '../../server/ai/tiers/model-tier';
import { collect, completeRequest, editRequest, streamError } from './helpers';

const nodeModules = path.resolve('node_modules');

describe('embedded engine', () => {
  it("completes a pattern from the session's other files (prompt lookup)", () => {
    const engine = new EmbeddedEngine({ corpusBytes: 0 });
    engine.room('r1').set('src/db.ts', 'const rows = await database.query(sql, params, { timeoutMs: 500 });\n');
    const text = engine.complete({ room: 'r1', path: 'src/app.ts', prefix: 'async function load() {\n  const users = await database.qu', suffix: '\n}\n', multiline: false, maxTokens: 32 });
    // A one-line repeat from another file is likely right only so far: the arguments may differ here.
    expect(text).toMatch(/^ery\(sql/);
    expect('ery(sql, params, { timeoutMs: 500 });'.startsWith(text)).toBe(true);
  });

  it('shows a long verbatim repeat of the room\'s text whole', () => {
    const engine = new EmbeddedEngine({ corpusBytes: 0 });
    const greet = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
    engine.room('r').set('src/greet.ts', greet);
    const prefix = 'export function shout(name: string): string {\n  re';
    expect(engine.complete({ room: 'r', path: 'src/shout.ts', prefix, suffix: '', multiline: false, maxTokens: 48 })).toBe('turn `Hello, ${name}!`;');
  });

  it('completes from the text earlier in the same file', () => {
    const engine = new EmbeddedEngine({ corpusBytes: 0 });
    const prefix = 'emitter.on("open", handleOpen);\nemitter.on("close", handleClose);\nemitter.off("open", handle';
    expect(engine.complete({ path: 'a.ts', prefix, suffix: '', multiline: false, maxTokens: 16 })).toBe('Open);');
  });

  it('learns from the shipped corpus (TypeScript lib declarations), and shows a guess only when likely right', async () => {
    const engine = new EmbeddedEngine({ corpusBytes: 600_000, nodeModules });
    const stats = await engine.load();
    expect(stats.files).toBeGreaterThan(0);
    const input = { path: 'x.d.ts', prefix: 'interface ReadonlyArray<T> {\n    readonly len', suffix: '', multiline: false, maxTokens: 8 };
    expect(engine.steps(input).map((s) => s.text).join('')).toBe('gth: number;');
    // A name guessed from the corpus alone, with no repeat of the room's text behind it, is seldom right.
    expect(engine.complete(input)).toBe('');
  });

  it('never reads the held-out packages the benchmark evaluates on', async () => {
    for await (const file of corpusFiles(nodeModules, 64_000_000)) {
      expect(EMBEDDED_HELDOUT_PACKAGES.some((p) => file.path.startsWith(`${p}/`))).toBe(false);
    }
  });

  it('serves completions as a tier and refuses instructions with a clear message', async () => {
    const tier = new EmbeddedTier(new EmbeddedEngine({ corpusBytes: 0 }));
    const prefix = 'const total = price * quantity;\nconst tax = price * quant';
    expect((await collect(tier.stream(completeRequest({ prefix }), new AbortController().signal))).join('')).toBe('ity;');
    const error = (await streamError(tier.stream(editRequest(), new AbortController().signal))) as TierError;
    expect(error.code).toBe('TIER_UNSUPPORTED');
    expect(error.message).toContain('SPARKPAD_FAST_URL');
  });
});
