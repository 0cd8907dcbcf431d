import { afterEach } from 'vitest';
import { startServer, type ServerProcess, type StartOptions } from './server-process';
import { connectClient, synced, type YjsClient } from './yjs-client';

export interface Restarts {
  /** A server process: on a new data dir, or on `dataDir` (at `port`, to stand in for the same address). */
  start(options?: StartOptions): Promise<ServerProcess>;
  /** A stock client of `room` on `server`, not yet synced. */
  connect(server: ServerProcess, room: string, token: string): YjsClient;
  /** A stock client of `room` on `server`, once its first sync is done. */
  join(server: ServerProcess, room: string, token: string): Promise<YjsClient>;
}

/**
 * For tests that stop or kill a server and start another on the same data dir: every process and client a
 * test made this way is killed or destroyed after it, however the test ended.
 */
export function restartsInEachTest(): Restarts {
  const servers: ServerProcess[] = [];
  const clients: YjsClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.kill();
  });
  const connect = (server: ServerProcess, room: string, token: string) => {
    const client = connectClient(server.wsUrl, room, token);
    clients.push(client);
    return client;
  };
  return {
    async start(options = {}) {
      const server = await startServer(options);
      servers.push(server);
      return server;
    },
    connect,
    async join(server, room, token) {
      const client = connect(server, room, token);
      await synced(client);
      return client;
    },
  };
}
