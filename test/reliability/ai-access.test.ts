import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { AI_PROTOCOL_VERSION } from '../../lib/shared/protocol/ai';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { createRoomInDataDir, type TestRoom } from '../helpers/sessions';

/** Resolves with the handshake's refusal ("UNAUTHORIZED: <reason>"), or 'connected'. */
function handshake(server: ServerProcess, room: string, token: string): Promise<string> {
  const socket: Socket = io(`${server.url}/ai`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    auth: { room, token, protocolVersion: AI_PROTOCOL_VERSION },
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(`${error.message}: ${(error as Error & { data?: { reason?: string } }).data?.reason}`);
    });
  });
}

describe("Spark's socket and who may use it", () => {
  let server: ServerProcess;
  let a: TestRoom;
  let b: TestRoom;
  beforeAll(async () => {
    server = await startServer();
    [a, b] = [await createRoomInDataDir(server.dataDir), await createRoomInDataDir(server.dataDir)];
  });
  afterAll(() => server.stop());

  it("admits a room's own token", async () => {
    expect(await handshake(server, a.room, a.editToken)).toBe('connected');
  });

  it("refuses a token for another room, so Spark never reads a room its requester cannot", async () => {
    expect(await handshake(server, b.room, a.editToken)).toBe('UNAUTHORIZED: FORBIDDEN_ROOM');
    expect(await handshake(server, b.room, 'forged.token')).toBe('UNAUTHORIZED: UNAUTHORIZED');
  });
});
