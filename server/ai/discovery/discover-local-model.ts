// server/ai/discovery/: finding a model server already running on this machine (Ollama, llama.cpp's
// llama-server, LM Studio, vLLM) at start, so Spark uses it with no setting. This file decides whether to look and picks one.
/**
 * Discovery runs once at start, only when no tier endpoint is set (a setting always wins) and
 * SPARKPAD_DISCOVER is not false. All servers are probed at once, each request bounded by
 * SPARKPAD_DISCOVER_TIMEOUT_MS, so a machine running nothing starts as fast as before (closed ports
 * refuse at once). The first server in the order Ollama, llama.cpp, LM Studio, vLLM that has a code model wins.
 */
import type { Config } from '../../config';
import { probeAll, type FoundServer, type LocalServerPorts } from './local-servers';

export type { FoundServer } from './local-servers';

export function shouldDiscover(config: Config): boolean {
  return config.discover && !config.fastUrl && !config.deepUrl;
}

export function discoveryPorts(config: Config): LocalServerPorts {
  return {
    ollama: config.discoverOllamaPort,
    'llama.cpp': config.discoverLlamaCppPort,
    'lm-studio': config.discoverLmStudioPort,
    vllm: config.discoverVllmPort,
  };
}

export interface DiscoveryLog {
  info(fields: object, message: string): void;
}

/** The local model server to use, or null (not looked for, or none found); the log says which. */
export async function discoverLocalModel(config: Config, log?: DiscoveryLog): Promise<FoundServer | null> {
  if (!shouldDiscover(config)) return null;
  const limits = { timeoutMs: config.discoverTimeoutMs, maxResponseBytes: config.discoverMaxResponseBytes };
  const answers = await Promise.all(probeAll(discoveryPorts(config), limits));
  const found = answers.find((answer) => answer !== null) ?? null;
  if (found) {
    log?.info(
      { server: found.kind, url: found.url, model: found.model, format: found.fastFormat },
      `found ${found.title} on ${found.url} with ${found.model}: it serves the fast tier (${found.fastFormat}) and the deep tier (chat); the embedded engine hedges`,
    );
  } else {
    log?.info({ ports: discoveryPorts(config) }, 'no local model server found: the embedded engine completes code; instructions and chat need a model');
  }
  return found;
}
