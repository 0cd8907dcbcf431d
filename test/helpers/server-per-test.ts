import { afterAll, afterEach, beforeAll } from 'vitest';
import type * as Y from 'yjs';
import { startInProcess, type InProcessServer } from './in-process-server';
import { connectClient, synced, whenDoc, type YjsClient } from './yjs-client';

type StartOptions = Parameters<typeof startInProcess>[0];

/** One in-process server at a time and the clients connected to it, all closed by `close`. */
function serverWithClients() {
  let current: InProcessServer | null = null;
  const clients: YjsClient[] = [];
  const server = (): InProcessServer => {
    if (!current) throw new Error('start the server first');
    return current;
  };
  return {
    server,
    async start(options?: StartOptions): Promise<InProcessServer> {
      current = await startInProcess(options);
      return current;
    },
    async close(): Promise<void> {
      for (const client of clients.splice(0)) client.destroy();
      await current?.close();
      current = null;
    },
    track(client: YjsClient): YjsClient {
      clients.push(client);
      return client;
    },
    /** A client in `room`, synced. */
    async join(room: string, token: string): Promise<YjsClient> {
      const client = connectClient(server().wsUrl, room, token);
      clients.push(client);
      await synced(client);
      return client;
    },
  };
}

/**
 * For tests that each start their own in-process server (with their own settings): the server and every
 * client connected through `join` or `track` are closed after each test.
 */
export function inProcessServerPerTest() {
  const { server, start, close, track, join } = serverWithClients();
  afterEach(close);
  return {
    start,
    track,
    join,
    /** Resolves once the server's copy of the room satisfies `check`: what an HTTP call there will see. */
    async onServer(room: string, check: (files: Y.Map<Y.Text>) => boolean): Promise<void> {
      const loaded = await server().server.rooms.open(room);
      await whenDoc(loaded.doc, () => check(loaded.doc.getMap<Y.Text>('files')));
    },
  };
}

/**
 * For a file whose tests share one in-process server: started before the first test; it and every client
 * connected through `join` or `track` are closed after the last.
 */
export function inProcessServerForTheseTests(options?: StartOptions) {
  const { server, start, close, track, join } = serverWithClients();
  beforeAll(async () => {
    await start(options);
  });
  afterAll(close);
  return { server, track, join };
}
