/**
 * How the model simulator behaves for one request. The default comes from the CLI/env; each request can
 * override it with an `x-sim` header or a model name of the form `sim:fault=stall,ttft=50` — the second
 * form lets a whole server run against a faulty tier through SPARKPAD_FAST_MODEL alone.
 */

/**
 * `drip` sends one byte of a data line at a time, forever; `comments` sends only SSE comments, forever;
 * `longline` streams one data line that never ends. Each keeps a naive client busy without a token.
 */
export const SIM_FAULTS = ['none', '500', '401', '429', 'hang', 'malformed', 'stall', 'drip', 'comments', 'longline'] as const;
export type SimFault = (typeof SIM_FAULTS)[number];

export interface SimBehaviour {
  /** Delay between the request arriving and the first token. */
  ttftMs: number;
  /** Token rate after the first token; 0 sends them all at once. */
  tokensPerSecond: number;
  fault: SimFault;
  /** For `malformed`, `stall`, `drip`, `comments` and `longline`: good tokens sent before the fault. */
  faultAfterTokens: number;
  /** A scripted reply; when absent the reply is derived from the prompt (see sim-content.ts). */
  response?: string;
}

export const DEFAULT_SIM_BEHAVIOUR: SimBehaviour = {
  ttftMs: 0,
  tokensPerSecond: 0,
  fault: 'none',
  faultAfterTokens: 2,
};

const KEYS: Record<string, keyof SimBehaviour> = {
  ttft: 'ttftMs',
  ttftms: 'ttftMs',
  tps: 'tokensPerSecond',
  fault: 'fault',
  after: 'faultAfterTokens',
  response: 'response',
};

/** Parses `fault=stall,ttft=50,tps=100,after=3,response=hello%20world` onto a base behaviour. */
export function parseSimSpec(spec: string, base: SimBehaviour): SimBehaviour {
  const next: SimBehaviour = { ...base };
  for (const part of spec.split(',')) {
    const [rawKey, ...rest] = part.split('=');
    const key = KEYS[rawKey?.trim().toLowerCase() ?? ''];
    const value = decodeURIComponent(rest.join('=').trim());
    if (!key) continue;
    if (key === 'fault') {
      if (!(SIM_FAULTS as readonly string[]).includes(value)) throw new Error(`unknown sim fault "${value}"`);
      next.fault = value as SimFault;
    } else if (key === 'response') {
      next.response = value;
    } else {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`sim ${rawKey} must be a non-negative number`);
      next[key] = n;
    }
  }
  return next;
}

/** Behaviour for one request: base, then the model name's spec, then the `x-sim` header. */
export function behaviourFor(base: SimBehaviour, model: unknown, header: string | undefined): SimBehaviour {
  let behaviour = base;
  if (typeof model === 'string' && model.startsWith('sim:')) behaviour = parseSimSpec(model.slice(4), behaviour);
  if (header) behaviour = parseSimSpec(header, behaviour);
  return behaviour;
}

/** Reads SIM_TTFT_MS, SIM_TPS, SIM_FAULT, SIM_FAULT_AFTER, SIM_RESPONSE. */
export function behaviourFromEnv(env: NodeJS.ProcessEnv): SimBehaviour {
  const parts: string[] = [];
  if (env.SIM_TTFT_MS) parts.push(`ttft=${env.SIM_TTFT_MS}`);
  if (env.SIM_TPS) parts.push(`tps=${env.SIM_TPS}`);
  if (env.SIM_FAULT) parts.push(`fault=${env.SIM_FAULT}`);
  if (env.SIM_FAULT_AFTER) parts.push(`after=${env.SIM_FAULT_AFTER}`);
  if (env.SIM_RESPONSE) parts.push(`response=${encodeURIComponent(env.SIM_RESPONSE)}`);
  return parseSimSpec(parts.join(','), DEFAULT_SIM_BEHAVIOUR);
}
