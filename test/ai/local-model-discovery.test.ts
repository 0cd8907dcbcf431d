import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverLocalModel } from '../../server/ai/discovery/discover-local-model';
import { loadConfig } from '../../server/config';
import { startModelSimulator, type ModelSimulator, type SimulatorOptions } from '../../tools/sim/sim-server';
import { discoveryEnv } from '../helpers/closed-port';

const sims: ModelSimulator[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

async function sim(options: SimulatorOptions): Promise<ModelSimulator> {
  const started = await startModelSimulator(options);
  sims.push(started);
  return started;
}

async function discover(ports: Parameters<typeof discoveryEnv>[0], extra: Record<string, string> = {}) {
  return discoverLocalModel(loadConfig({ ...(await discoveryEnv(ports)), ...extra }));
}

describe('finding a local model server', () => {
  it('uses Ollama with its code model and fill-in-the-middle completions', async () => {
    const ollama = await sim({ as: 'ollama', models: ['llama3.2:3b', 'nomic-embed-text:latest', 'qwen2.5-coder:1.5b'] });
    expect(await discover({ OLLAMA: ollama.port })).toEqual({
      kind: 'ollama',
      title: 'Ollama',
      url: ollama.url,
      model: 'qwen2.5-coder:1.5b',
      fastFormat: 'fim',
    });
  });

  it("uses llama-server's /infill when its model can fill in the middle", async () => {
    const llama = await sim({ as: 'llama.cpp' });
    expect(await discover({ LLAMA_CPP: llama.port })).toMatchObject({ kind: 'llama.cpp', model: 'qwen2.5-coder-1.5b-q8_0.gguf', fastFormat: 'infill' });
  });

  it('completes through chat on LM Studio and vLLM, which take no suffix', async () => {
    const vllm = await sim({ as: 'vllm' });
    expect(await discover({ VLLM: vllm.port })).toMatchObject({ kind: 'vllm', model: 'Qwen/Qwen2.5-Coder-7B-Instruct', fastFormat: 'chat' });
    const lmStudio = await sim({ as: 'lm-studio', models: ['text-embedding-nomic-embed-text-v1.5', 'deepseek-coder-v2-lite-instruct'] });
    expect(await discover({ LM_STUDIO: lmStudio.port })).toMatchObject({ kind: 'lm-studio', model: 'deepseek-coder-v2-lite-instruct', fastFormat: 'chat' });
  });

  it('passes over a server without a code model, and prefers Ollama when several answer', async () => {
    const chatOnly = await sim({ as: 'ollama', models: ['llama3.2:3b'] });
    expect(await discover({ OLLAMA: chatOnly.port })).toBeNull();
    const ollama = await sim({ as: 'ollama' });
    const vllm = await sim({ as: 'vllm' });
    expect(await discover({ OLLAMA: ollama.port, VLLM: vllm.port })).toMatchObject({ kind: 'ollama' });
  });

  it('gives up on a server that does not answer within the timeout', async () => {
    // A port that accepts connections and never answers: a hung server must not hold the start.
    const held: net.Socket[] = [];
    const hanging = net.createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as net.AddressInfo;
    expect(await discover({ OLLAMA: port }, { SPARKPAD_DISCOVER_TIMEOUT_MS: '50' })).toBeNull();
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => hanging.close(resolve));
  });

  it('does not look when discovery is off or a tier endpoint is set', async () => {
    const ollama = await sim({ as: 'ollama' });
    expect(await discover({ OLLAMA: ollama.port }, { SPARKPAD_DISCOVER: 'false' })).toBeNull();
    expect(await discover({ OLLAMA: ollama.port }, { SPARKPAD_FAST_URL: 'http://127.0.0.1:9' })).toBeNull();
  });
});
