import { afterAll, afterEach, beforeAll } from 'vitest';
import type * as Y from 'yjs';
import { startInProcess, type InProcessServer } from './in-process-server';
import { connectClient, synced, whenDoc, type YjsClient } from './yjs-client';

/**
 * For tests that each start their own in-process server (with their own settings): the server and every
 * client connected through `join` or `track` are closed after each test.
 */
export function inProcessServerPerTest() {
  let current: InProcessServer | null = null;
  const clients: YjsClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await current?.close();
    current = null;
  });
  const server = (): InProcessServer => {
    if (!current) throw new Error('start the server first');
    return current;
  };
  return {
    async start(options?: Parameters<typeof startInProcess>[0]): Promise<InProcessServer> {
      current = await startInProcess(options);
      return current;
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
export function inProcessServerForTheseTests(options?: Parameters<typeof startInProcess>[0]) {
  let current: InProcessServer | null = null;
  const clients: YjsClient[] = [];
  beforeAll(async () => {
    current = await startInProcess(options);
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await current?.close();
    current = null;
  });
  const server = (): InProcessServer => {
    if (!current) throw new Error('the server starts before the first test');
    return current;
  };
  return {
    server,
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
