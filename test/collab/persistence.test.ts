import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir, startServer, type ServerProcess } from '../helpers/server-process';
import { createRoomInDataDir } from '../helpers/sessions';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

// Matches the server's default SPARKPAD_DURABILITY_WINDOW_MS; the README promises edits are on disk within it.
const DURABILITY_WINDOW_MS = 50;

describe('a room survives the server', () => {
  const clients: YjsClient[] = [];
  const servers: ServerProcess[] = [];
  const start = async (dataDir: string, port?: number) => {
    const server = await startServer({ dataDir, port });
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.kill();
  });

  it('keeps a room across a graceful restart', async () => {
    const dataDir = makeDataDir();
    const first = await start(dataDir);
    const { room, editToken } = await createRoomInDataDir(dataDir);
    const writer = connectClient(first.wsUrl, room, editToken);
    clients.push(writer);
    await synced(writer);
    writer.text().insert(0, 'persist me');
    writer.destroy();
    await first.stop();

    const second = await start(dataDir);
    const reader = connectClient(second.wsUrl, room, editToken);
    clients.push(reader);
    await synced(reader);
    expect(reader.read()).toBe('persist me');
  });

  it('keeps edits older than the durability window across SIGKILL', async () => {
    const dataDir = makeDataDir();
    const first = await start(dataDir);
    const { room, editToken } = await createRoomInDataDir(dataDir);
    const writer = connectClient(first.wsUrl, room, editToken);
    clients.push(writer);
    await synced(writer);
    writer.text().insert(0, 'typed before the crash');
    // Round trip through the server, then let the durability window pass (with margin for a busy CI).
    const echo = connectClient(first.wsUrl, room, editToken);
    clients.push(echo);
    await whenDoc(echo.doc, () => echo.read() === 'typed before the crash');
    await new Promise((resolve) => setTimeout(resolve, DURABILITY_WINDOW_MS * 4));
    await first.kill();

    const second = await start(dataDir);
    const reader = connectClient(second.wsUrl, room, editToken);
    clients.push(reader);
    await synced(reader);
    expect(reader.read()).toBe('typed before the crash');
  });

  it('reconnects a client that stayed open across the restart without duplicating text', async () => {
    const dataDir = makeDataDir();
    const first = await start(dataDir);
    const { room, editToken } = await createRoomInDataDir(dataDir);
    const stayer = connectClient(first.wsUrl, room, editToken);
    clients.push(stayer);
    await synced(stayer);
    stayer.text().insert(0, 'hello');
    await first.stop();
    // Typed while the server is down: merged on reconnect.
    stayer.text().insert(5, ' world');

    const second = await start(dataDir, first.port);
    await new Promise<void>((resolve) => stayer.provider.once('sync', (isSynced: boolean) => isSynced && resolve()));
    const reader = connectClient(second.wsUrl, room, editToken);
    clients.push(reader);
    await synced(reader);
    await whenDoc(reader.doc, () => reader.read() === 'hello world');
    expect(stayer.read()).toBe('hello world');
  });
});
