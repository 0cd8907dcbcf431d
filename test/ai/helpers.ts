/** Shared fixtures for the AI tests: requests typed against the tier interface, stream collectors. */
import type { TierName } from '../../lib/shared/protocol/ai';
import type { CompleteRequest, EditRequest, ModelTier, TierRequest } from '../../server/ai/tiers/model-tier';

export function completeRequest(overrides: Partial<CompleteRequest> = {}): CompleteRequest {
  return {
    kind: 'complete',
    path: 'src/app.ts',
    language: 'typescript',
    prefix: 'const total = ',
    suffix: '\n',
    snippets: [],
    multiline: false,
    maxTokens: 64,
    ...overrides,
  } satisfies CompleteRequest;
}

export function editRequest(overrides: Partial<EditRequest> = {}): EditRequest {
  return {
    kind: 'edit',
    path: 'src/app.ts',
    language: 'typescript',
    prefix: 'function add(a, b) {\n',
    region: '  return a + b;',
    suffix: '\n}\n',
    snippets: [],
    instruction: 'add types',
    maxTokens: 256,
    ...overrides,
  } satisfies EditRequest;
}

export async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** Resolves with the error the stream ends with (fails the test if it ends cleanly). */
export async function streamError(stream: AsyncIterable<string>): Promise<unknown> {
  try {
    for await (const _ of stream) void _;
  } catch (error) {
    return error;
  }
  throw new Error('expected the stream to fail');
}

/**
 * A tier scripted by the test: each call takes the next script, which can yield chunks, wait for the test
 * to release it, or fail. Records calls and aborts so tests can check what reached "upstream".
 */
export interface ScriptedCall {
  request: TierRequest;
  signal: AbortSignal;
  aborted: boolean;
}

export type Script = (call: ScriptedCall) => AsyncIterable<string>;

export class ScriptedTier implements ModelTier {
  readonly calls: ScriptedCall[] = [];
  readonly label: string;
  private readonly scripts: Script[] = [];

  constructor(
    readonly name: TierName,
    private readonly fallbackScript?: Script,
  ) {
    this.label = `${name} tier (scripted)`;
  }

  enqueue(...scripts: Script[]): this {
    this.scripts.push(...scripts);
    return this;
  }

  stream(request: TierRequest, signal: AbortSignal): AsyncIterable<string> {
    const call: ScriptedCall = { request, signal, aborted: false };
    signal.addEventListener('abort', () => (call.aborted = true), { once: true });
    this.calls.push(call);
    const script = this.scripts.shift() ?? this.fallbackScript;
    if (!script) throw new Error(`${this.name}: no script left`);
    return script(call);
  }
}

/** A promise with its resolver exposed, for releasing scripted streams step by step. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Waits until `signal` aborts, then throws its reason: a stream that never answers on its own. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

export function chunks(...texts: string[]): Script {
  return async function* () {
    for (const text of texts) yield text;
  };
}

import type { RouterSettings } from '../../server/ai/routing/router';
import type { RouterEvent } from '../../server/ai/routing/router-events';

export function routerSettings(overrides: Partial<RouterSettings> = {}): RouterSettings {
  return {
    promptBudgetTokens: 2048,
    maxCompletionTokens: 64,
    cacheEntries: 100,
    prefetch: false,
    maxInFlightPerUser: 2,
    flightSlots: 1000,
    flightIdleMs: 60_000,
    firstTokenDeadlineMs: { fast: 10_000, deep: 10_000, embedded: 10_000 },
    editBudgetTokens: 8192,
    maxEditTokens: 512,
    userRequestsPerSecond: 1000,
    userRequestsPerMinute: 1000,
    roomRequestsPerMinute: 1000,
    failuresBeforeCooldown: 3,
    cooldownMs: 30_000,
    ...overrides,
  } satisfies RouterSettings;
}

export async function events(stream: AsyncIterable<RouterEvent>): Promise<RouterEvent[]> {
  const out: RouterEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

export function textOf(list: RouterEvent[]): string {
  return list.map((e) => (e.type === 'chunk' ? e.text : '')).join('');
}

/** A script that yields strings and waits on promises, in order; it ends with the signal's reason if aborted. */
export function steps(...items: Array<string | Promise<void>>): Script {
  return async function* (call) {
    for (const item of items) {
      if (typeof item === 'string') yield item;
      else await Promise.race([item, untilAborted(call.signal)]);
    }
  };
}

/** Resolves once `predicate` holds, re-checking after each macrotask (for effects of background streams). */
export async function eventually(predicate: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (predicate()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`${what} never became true`);
}
