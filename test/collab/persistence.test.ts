import { describe, expect, it } from 'vitest';
import { restartsInEachTest } from '../helpers/restarts';
import { createRoomInDataDir } from '../helpers/sessions';
import { whenOnDisk } from '../helpers/stored-document';
import { whenDoc } from '../helpers/yjs-client';

describe('a room survives the server', () => {
  const restarts = restartsInEachTest();

  /** A server on a new data dir with one room in it, and a synced client of that room. */
  const firstServer = async () => {
    const server = await restarts.start();
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    return { server, room, editToken, client: await restarts.join(server, room, editToken) };
  };

  it('keeps a room across a graceful restart', async () => {
    const { server: first, room, editToken, client: writer } = await firstServer();
    writer.text().insert(0, 'persist me');
    writer.destroy();
    await first.stop();

    const reader = await restarts.join(await restarts.start({ dataDir: first.dataDir }), room, editToken);
    expect(reader.read()).toBe('persist me');
  });

  it('keeps edits the server has stored across SIGKILL, with no graceful stop to flush them', async () => {
    const { server: first, room, editToken, client: writer } = await firstServer();
    writer.text().insert(0, 'typed before the crash');
    await whenOnDisk(first.dataDir, room, 'typed before the crash');
    await first.kill();

    const reader = await restarts.join(await restarts.start({ dataDir: first.dataDir }), room, editToken);
    expect(reader.read()).toBe('typed before the crash');
  });

  it('reconnects a client that stayed open across the restart without duplicating text', async () => {
    const { server: first, room, editToken, client: stayer } = await firstServer();
    stayer.text().insert(0, 'hello');
    await first.stop();
    // Typed while the server is down: merged on reconnect.
    stayer.text().insert(5, ' world');

    const second = await restarts.start({ dataDir: first.dataDir, port: first.port });
    await new Promise<void>((resolve) => stayer.provider.once('sync', (isSynced: boolean) => isSynced && resolve()));
    const reader = await restarts.join(second, room, editToken);
    await whenDoc(reader.doc, () => reader.read() === 'hello world');
    expect(stayer.read()).toBe('hello world');
  });
});
