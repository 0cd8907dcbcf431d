/**
 * The local model servers discovery knows, each with the endpoint its users know it by and the wire format
 * its completions speak best. Ollama takes `suffix` on `/v1/completions` (fim); llama-server has `/infill`
 * for models with fill-in-the-middle tokens; vLLM answers a `suffix` with 400 ("suffix is not currently
 * supported") and LM Studio's completions take none, so those two complete through the chat format, which
 * rewrites the cursor's line. Chat (the deep tier) is the chat format everywhere.
 */
import type { PromptFormat } from '../tiers/prompt-formats';
import { firstCodeModel } from './code-models';
import { probeJson, type ProbeLimits } from './probe-request';

export type LocalServerKind = 'ollama' | 'llama.cpp' | 'lm-studio' | 'vllm';

/** A server that answered with a code model. */
export interface FoundServer {
  kind: LocalServerKind;
  /** As its users call it, for the log, /api/health and the status bar. */
  title: string;
  url: string;
  model: string;
  fastFormat: PromptFormat;
}

export const SERVER_TITLES: Record<LocalServerKind, string> = {
  ollama: 'Ollama',
  'llama.cpp': 'llama.cpp',
  'lm-studio': 'LM Studio',
  vllm: 'vLLM',
};

const found = (kind: LocalServerKind, port: number, model: string, fastFormat: PromptFormat): FoundServer => ({
  kind,
  title: SERVER_TITLES[kind],
  url: `http://127.0.0.1:${port}`,
  model,
  fastFormat,
});

function namesIn(list: unknown, key: 'models' | 'data', field: 'name' | 'id'): string[] {
  const items = (list as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(items)) return [];
  return items.map((item) => (item as Record<string, unknown> | null)?.[field]).filter((n): n is string => typeof n === 'string');
}

/** Ollama: `GET /api/tags` lists the pulled models as `{ models: [{ name, model, details }] }`. */
async function probeOllama(port: number, limits: ProbeLimits): Promise<FoundServer | null> {
  const model = firstCodeModel(namesIn(await probeJson(port, '/api/tags', limits), 'models', 'name'));
  return model ? found('ollama', port, model, 'fim') : null;
}

/**
 * llama-server serves one model: `/health` says it is loaded, `/v1/models` names it, and an `/infill` of
 * nothing succeeds only when the model has fill-in-the-middle tokens, which is what code models carry.
 */
async function probeLlamaCpp(port: number, limits: ProbeLimits): Promise<FoundServer | null> {
  const health = (await probeJson(port, '/health', limits)) as { status?: unknown } | null;
  if (health?.status !== 'ok') return null;
  const [models, infill] = await Promise.all([
    probeJson(port, '/v1/models', limits),
    probeJson(port, '/infill', limits, { input_prefix: '', input_suffix: '', n_predict: 0, stream: false }),
  ]);
  const name = namesIn(models, 'data', 'id')[0] ?? 'llama-server model';
  if (infill !== null) return found('llama.cpp', port, name, 'infill');
  const model = firstCodeModel([name]);
  return model ? found('llama.cpp', port, model, 'chat') : null;
}

/** LM Studio and vLLM: the OpenAI model list, `{ data: [{ id }] }`. */
async function probeOpenAiList(kind: 'lm-studio' | 'vllm', port: number, limits: ProbeLimits): Promise<FoundServer | null> {
  const model = firstCodeModel(namesIn(await probeJson(port, '/v1/models', limits), 'data', 'id'));
  return model ? found(kind, port, model, 'chat') : null;
}

export type LocalServerPorts = Record<LocalServerKind, number>;

/** Every known server probed at once, answers in order of preference (the order of `ports`). */
export function probeAll(ports: LocalServerPorts, limits: ProbeLimits): Array<Promise<FoundServer | null>> {
  return (Object.keys(ports) as LocalServerKind[]).map((kind) => {
    const port = ports[kind];
    if (kind === 'ollama') return probeOllama(port, limits);
    if (kind === 'llama.cpp') return probeLlamaCpp(port, limits);
    return probeOpenAiList(kind, port, limits);
  });
}
