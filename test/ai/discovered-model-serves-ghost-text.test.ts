import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simulatedCompletion } from '../../tools/sim/sim-content';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { connectAi } from '../helpers/ai-client';
import { discoveryEnv } from '../helpers/closed-port';
import { startInProcess, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDataDir } from '../helpers/sessions';

const PREFIX = 'function greet(name: string) {\n  return ';

describe('a local Ollama found at start', () => {
  let ollama: ModelSimulator;
  let server: InProcessServer | null = null;
  beforeAll(async () => {
    ollama = await startModelSimulator({ as: 'ollama' });
  });
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  afterAll(() => ollama.close());

  /** A completion at PREFIX on a fresh room of `running`: the reply's text and its done. */
  async function suggestion(running: InProcessServer) {
    const room = await createRoomInDataDir(running.dataDir);
    const ada = await connectAi(running.url, { room: room.room, token: room.editToken });
    const hello = await ada.next('hello');
    ada.send({ type: 'complete', id: 'c1', file: 'main.ts', language: 'typescript', prefix: PREFIX, suffix: '\n}\n' });
    const done = await ada.next('complete:done', (m) => m.id === 'c1');
    const text = ada.inbox.flatMap((m) => (m.type === 'complete:chunk' && m.id === 'c1' ? [m.text] : [])).join('');
    ada.close();
    return { hello, done, text };
  }

  it('serves ghost text from its code model, fill-in-the-middle, and says so in /api/health and the hello', async () => {
    server = await startInProcess({ env: await discoveryEnv({ OLLAMA: ollama.port }) });
    const health = await server.health();
    expect(health.body.ai).toMatchObject({ model: { source: 'found', label: expect.stringContaining('Ollama qwen2.5-coder:1.5b') } });
    const { hello, done, text } = await suggestion(server);
    expect(hello.model).toMatchObject({ source: 'found' });
    expect(done.stats.tier).toBe('fast');
    const asked = ollama.requests.at(-1)!;
    expect(asked).toMatchObject({ endpoint: 'completions', body: { model: 'qwen2.5-coder:1.5b', suffix: '\n}\n' } });
    expect(text).toBe(simulatedCompletion(String(asked.body.prompt)));
  });

  it('is not used with SPARKPAD_DISCOVER=false: the embedded engine serves and no model is connected', async () => {
    const before = ollama.requests.length;
    server = await startInProcess({ env: { ...(await discoveryEnv({ OLLAMA: ollama.port })), SPARKPAD_DISCOVER: 'false' } });
    expect((await server.health()).body.ai).toMatchObject({ model: { source: 'none' } });
    const { hello, done } = await suggestion(server);
    expect(hello.model).toMatchObject({ source: 'none' });
    expect(done.stats.tier === 'embedded' || done.stats.tier === null).toBe(true);
    expect(ollama.requests.length).toBe(before);
  });
});
