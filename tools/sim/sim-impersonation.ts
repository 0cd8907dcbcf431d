/**
 * The simulator as a particular local model server (`--as ollama|llama.cpp|lm-studio|vllm`): that server's
 * own endpoints and answer shapes, on whatever port the test picks, so discovery and the tiers meet what a
 * user's machine would show them. Without `as` the simulator answers every endpoint it knows.
 * Shapes follow each project's documentation: Ollama's `GET /api/tags` is `{ models: [{ name, model,
 * modified_at, size, digest, details }] }` and `/api/generate` streams NDJSON lines `{ model, created_at,
 * response, done }`; llama-server's `GET /health` is `{ status: "ok" }` and `/infill` streams `{ content }`;
 * LM Studio and vLLM list models OpenAI's way, `{ object: "list", data: [{ id, object: "model", owned_by }] }`.
 */
import type http from 'node:http';
import type { SimEndpoint } from './sim-content';

export const SIM_IMPERSONATIONS = ['ollama', 'llama.cpp', 'lm-studio', 'vllm'] as const;
export type SimImpersonation = (typeof SIM_IMPERSONATIONS)[number];

/** What each server would have pulled or loaded when nothing else is asked for: one code model. */
export const DEFAULT_SIM_MODELS: Record<SimImpersonation, string> = {
  ollama: 'qwen2.5-coder:1.5b',
  'llama.cpp': 'qwen2.5-coder-1.5b-q8_0.gguf',
  'lm-studio': 'qwen2.5-coder-7b-instruct',
  vllm: 'Qwen/Qwen2.5-Coder-7B-Instruct',
};

const OPENAI_POSTS: Record<string, SimEndpoint> = { '/v1/chat/completions': 'chat', '/v1/completions': 'completions' };

/** The streaming endpoints each server has; the plain simulator has them all. */
const POSTS: Record<SimImpersonation | 'any', Record<string, SimEndpoint>> = {
  any: { ...OPENAI_POSTS, '/infill': 'infill', '/completion': 'completions', '/api/generate': 'generate' },
  ollama: { ...OPENAI_POSTS, '/api/generate': 'generate' },
  'llama.cpp': { ...OPENAI_POSTS, '/infill': 'infill', '/completion': 'completions' },
  'lm-studio': OPENAI_POSTS,
  vllm: OPENAI_POSTS,
};

export function streamingEndpoint(as: SimImpersonation | undefined, path: string): SimEndpoint | undefined {
  return POSTS[as ?? 'any'][path];
}

const CREATED = 1_764_633_600;

function modelList(as: SimImpersonation, models: readonly string[]) {
  const ownedBy = { ollama: 'library', 'llama.cpp': 'llamacpp', 'lm-studio': 'organization_owner', vllm: 'vllm' }[as];
  return { object: 'list', data: models.map((id) => ({ id, object: 'model', created: CREATED, owned_by: ownedBy })) };
}

function ollamaTags(models: readonly string[]) {
  return {
    models: models.map((name, i) => ({
      name,
      model: name,
      modified_at: '2026-12-01T09:00:00.000000000Z',
      size: 986_061_892,
      digest: `${(i + 1).toString(16).padStart(2, '0')}${'a'.repeat(62)}`,
      details: { parent_model: '', format: 'gguf', family: 'qwen2', families: ['qwen2'], parameter_size: '1.5B', quantization_level: 'Q4_K_M' },
    })),
  };
}

/** The GET answers of the server, by path; undefined where it has no such endpoint. */
function infoAnswer(as: SimImpersonation | undefined, models: readonly string[], path: string): string | object | undefined {
  if (!as) return path === '/health' ? { status: 'ok' } : undefined;
  if (path === '/v1/models') return modelList(as, models);
  switch (as) {
    case 'ollama':
      if (path === '/') return 'Ollama is running';
      if (path === '/api/version') return { version: '0.13.0' };
      return path === '/api/tags' ? ollamaTags(models) : undefined;
    case 'llama.cpp':
      return path === '/health' ? { status: 'ok' } : undefined;
    case 'vllm':
      // vLLM's health check is a bare 200.
      return path === '/health' ? '' : undefined;
    case 'lm-studio':
      return undefined;
  }
}

/** Answers a GET the impersonated server knows; false when it does not know the path. */
export function answerInfo(as: SimImpersonation | undefined, models: readonly string[], path: string, res: http.ServerResponse): boolean {
  const answer = infoAnswer(as, models, path);
  if (answer === undefined) return false;
  const text = typeof answer === 'string';
  res.writeHead(200, { 'content-type': text ? 'text/plain; charset=utf-8' : 'application/json' });
  res.end(text ? answer : JSON.stringify(answer));
  return true;
}

/** A request the impersonated server refuses as the real one does: vLLM takes no `suffix`. */
export function refusalOf(as: SimImpersonation | undefined, endpoint: SimEndpoint, body: Record<string, unknown>) {
  if (as === 'vllm' && endpoint === 'completions' && typeof body.suffix === 'string') {
    return { status: 400, body: { error: { message: 'suffix is not currently supported', type: 'BadRequestError', param: null, code: 400 } } };
  }
  return null;
}
