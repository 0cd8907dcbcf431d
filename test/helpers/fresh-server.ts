import { afterEach, beforeEach } from 'vitest';
import { startServer, type ServerProcess, type StartOptions } from './server-process';
import { createRoomInDataDir, type TestRoom } from './sessions';
import { connectClient, type YjsClient } from './yjs-client';

export interface FreshServer {
  /** This test's server process (protocol only, no pages). */
  readonly server: ServerProcess;
  /** A room created in its data dir before the test. */
  readonly room: TestRoom;
  /** A stock client holding `token` on `roomId` (this test's room by default), destroyed after the test. */
  connect(token: string | null, roomId?: string): YjsClient;
}

/**
 * Gives every test of the calling describe block its own server and room, so no test sees another's
 * connections or documents; after each test its clients are destroyed and the server is stopped.
 */
export function freshServerForEachTest(options: StartOptions = {}): FreshServer {
  let current: { server: ServerProcess; room: TestRoom } | null = null;
  const clients: YjsClient[] = [];
  const started = () => {
    if (!current) throw new Error('the server starts before each test; read it inside one');
    return current;
  };
  beforeEach(async () => {
    const server = await startServer(options);
    current = { server, room: await createRoomInDataDir(server.dataDir) };
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await current?.server.stop();
    current = null;
  });
  return {
    get server() {
      return started().server;
    },
    get room() {
      return started().room;
    },
    connect(token, roomId) {
      const { server, room } = started();
      const client = connectClient(server.wsUrl, roomId ?? room.room, token);
      clients.push(client);
      return client;
    },
  };
}
