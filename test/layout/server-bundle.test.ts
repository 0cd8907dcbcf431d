import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { AI_EVENT, AI_PROTOCOL_VERSION, type ServerMessage } from '../../lib/shared/protocol/ai';
import { buildServer } from '../../scripts/build-server';
import { BUNDLE_ENV, BUNDLE_NODE_ARGS, startServer, type ServerProcess } from '../helpers/server-process';
import { createRoomInDataDir } from '../helpers/sessions';
import { connectClient, synced, type YjsClient } from '../helpers/yjs-client';

const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('the server bundle npm start runs', () => {
  it('is what the start script runs, with the environment the tests give it', () => {
    const start: string = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts.start;
    const env = Object.entries(BUNDLE_ENV).map(([key, value]) => `${key}=${value}`);
    expect(start).toBe(['NODE_ENV=production', ...env, 'node', ...BUNDLE_NODE_ARGS, 'dist/index.mjs'].join(' '));
  });

  describe('started', () => {
    let server: ServerProcess;
    let writer: YjsClient;
    let ai: Socket;
    beforeAll(async () => {
      await buildServer();
      server = await startServer({ bundle: true });
      const room = await createRoomInDataDir(server.dataDir);
      writer = connectClient(server.wsUrl, room.room, room.editToken);
      await synced(writer);
      writer.text('src/notes.ts').insert(0, 'export const notes = [];\nnotes.push(1);\n');
      ai = io(`${server.url}/ai`, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { room: room.room, token: room.editToken, protocolVersion: AI_PROTOCOL_VERSION, userId: 'ana' } });
      await new Promise<void>((resolve, reject) => {
        ai.once('connect', resolve);
        ai.once('connect_error', reject);
      });
    }, 60_000);
    afterAll(async () => {
      ai?.close();
      writer?.destroy();
      await server?.stop();
    });

    it('syncs documents and completes code in its bundled worker thread', async () => {
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      const ended = await new Promise<ServerMessage>((resolve) => {
        ai.on(AI_EVENT, (message: ServerMessage) => {
          if (!('id' in message) || message.id !== 'c1') return;
          if (message.type === 'complete:done' || message.type === 'complete:error' || message.type === 'complete:cancelled') resolve(message);
        });
        ai.emit(AI_EVENT, { type: 'complete', id: 'c1', file: 'src/notes.ts', language: 'typescript', prefix: 'export const notes = [];\nnotes.', suffix: '\n' });
      });
      expect(ended.type).toBe('complete:done');
      // The worker thread started from the bundle's entry, not a TypeScript file tsx would have to load.
      expect(server.output()).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|Cannot find module/);
    });
  });
});
