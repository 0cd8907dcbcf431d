import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { corpusFiles } from '../../server/ai/embedded/corpus';
import { AI_EVENT, AI_PROTOCOL_VERSION, type ServerMessage } from '../../lib/shared/protocol/ai';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { createRoomInDataDir, type TestRoom } from '../helpers/sessions';
import { connectClient, synced, type YjsClient } from '../helpers/yjs-client';

/** Real code, so the workspace is shaped like one: 8 files of 512 KiB cut from the sources the corpus reads. */
async function workspaceFiles(): Promise<Array<{ path: string; text: string }>> {
  let source = '';
  for await (const file of corpusFiles(path.resolve('node_modules'), 4 * 1024 * 1024 + 1)) source += file.text;
  return Array.from({ length: 8 }, (_, i) => ({ path: `src/part-${i}.ts`, text: source.slice(i * 512 * 1024, (i + 1) * 512 * 1024) }));
}

/** Time for the server to answer one HTTP request: the event loop's responsiveness as a client sees it. */
async function httpAnswerMs(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/health`);
  await response.arrayBuffer();
  return performance.now() - started;
}

describe('completions in a room with a large workspace', () => {
  let server: ServerProcess;
  let room: TestRoom;
  let writer: YjsClient;
  let ai: Socket;
  beforeAll(async () => {
    server = await startServer();
    room = await createRoomInDataDir(server.dataDir);
    writer = connectClient(server.wsUrl, room.room, room.editToken);
    await synced(writer);
    for (const file of await workspaceFiles()) writer.text(file.path).insert(0, file.text);
    writer.text('src/notes.ts').insert(0, 'export const notes = [];\n');
    ai = io(`${server.url}/ai`, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { room: room.room, token: room.editToken, protocolVersion: AI_PROTOCOL_VERSION, userId: 'ana' } });
    await new Promise<void>((resolve, reject) => {
      ai.once('connect', resolve);
      ai.once('connect_error', reject);
    });
    // The engine's threads start on the first completion (and are sent the workspace then): that start is
    // not the load under test, so one completion runs to its end first.
    await new Promise<void>((resolve) => {
      const onMessage = (message: ServerMessage) => {
        if (!('id' in message) || message.id !== 'start') return;
        if (message.type === 'complete:done' || message.type === 'complete:error' || message.type === 'complete:cancelled') {
          ai.off(AI_EVENT, onMessage);
          resolve();
        }
      };
      ai.on(AI_EVENT, onMessage);
      ai.emit(AI_EVENT, { type: 'complete', id: 'start', file: 'src/notes.ts', language: 'typescript', prefix: 'export const notes', suffix: '\n' });
    });
  }, 60_000);
  afterAll(async () => {
    ai?.close();
    writer?.destroy();
    await server?.stop();
  });

  it('keeps the server answering while 40 completions run and someone types in the workspace', async () => {
    const finished = new Set<string>();
    ai.on(AI_EVENT, (message: ServerMessage) => {
      if (message.type === 'complete:done' || message.type === 'complete:error' || message.type === 'complete:cancelled') finished.add(message.id);
    });
    // From the room's first completion on: its snippet index is built in slices, not by that request.
    const answers: number[] = [];
    let running = true;
    const probe = (async () => {
      while (running) answers.push(await httpAnswerMs(server.url));
    })();
    const notes = writer.text('src/notes.ts');
    for (let i = 0; i < 40; i++) {
      notes.insert(notes.length, `notes.push(${i});\n`);
      const prefix = `const element = document.createElement('div');\nelement.addEventListener('click', () => {\n  element.setAttribute('data-n', '${i}');\n  element.`;
      // One socket, ids per request and distinct files, so none replaces another: all 40 are served.
      ai.emit(AI_EVENT, { type: 'complete', id: `c${i}`, file: `src/main-${i}.ts`, language: 'typescript', prefix, suffix: '\n});\n' });
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    const deadline = Date.now() + 60_000;
    while (finished.size < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    running = false;
    await probe;
    expect(finished.size).toBe(40);
    expect(answers.length).toBeGreaterThan(10);
    // Generous on purpose, for a loaded two-core machine: the figure belongs to the benchmark; the event loop
    // held by completions over this workspace answered in 16 s.
    expect(Math.max(...answers)).toBeLessThan(5000);
  });
});
