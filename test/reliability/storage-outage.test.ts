import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../server/collab/storage/sqlite-storage';
import { FaultyStorage } from '../helpers/faulty-storage';
import { startInProcess, until, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDataDir } from '../helpers/sessions';
import { textOnDisk } from '../helpers/stored-document';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

describe('a storage outage', () => {
  const servers: InProcessServer[] = [];
  const clients: YjsClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.close();
  });

  const start = async () => {
    let faulty: FaultyStorage | null = null;
    const server = await startInProcess({
      env: { SPARKPAD_STORAGE_RETRY_INITIAL_MS: '50', SPARKPAD_STORAGE_RETRY_MAX_MS: '400' },
      storage: (dataDir) => (faulty = new FaultyStorage(new SqliteStorage(dataDir))),
    });
    servers.push(server);
    return { server, storage: faulty! };
  };

  it('loses no edit when storage fails for 5 s while the last person leaves', async () => {
    const { server, storage } = await start();
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const writer = connectClient(server.wsUrl, room, editToken);
    clients.push(writer);
    await synced(writer);
    writer.text().insert(0, 'stored before. ');
    await until('the first edit on disk', async () => (await textOnDisk(server.dataDir, room)) === 'stored before. ');

    const outage = storage.failFor(5_000);
    writer.text().insert(15, 'typed during the outage.');
    const echo = connectClient(server.wsUrl, room, editToken);
    clients.push(echo);
    await whenDoc(echo.doc, () => echo.read().endsWith('outage.'));
    echo.destroy();
    writer.destroy(); // the last person leaves while every write fails

    await until('a failed write', () => storage.failedWrites > 0);
    const during = await server.health();
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({ status: 'degraded', storage: { state: 'failing', unsavedRooms: 1 } });
    expect(server.server.rooms.isLoaded(room)).toBe(true);

    await outage;
    await until('the room to be stored', async () => (await server.health()).body.status === 'ok');
    expect(await textOnDisk(server.dataDir, room)).toBe('stored before. typed during the outage.');
    expect((await server.health()).body).toMatchObject({ storage: { state: 'ok', unsavedRooms: 0 } });
    await until('the stored room to unload', () => !server.server.rooms.isLoaded(room));
  });

  it('keeps accepting and relaying edits in a room whose writes fail, and stores them on recovery', async () => {
    const { server, storage } = await start();
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const [a, b] = [connectClient(server.wsUrl, room, editToken), connectClient(server.wsUrl, room, editToken)];
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const outage = storage.failFor(1_500);
    for (let i = 0; i < 20; i++) a.text().insert(a.read().length, `${i},`);
    await whenDoc(b.doc, () => b.read().endsWith('19,'));
    await outage;
    const expected = Array.from({ length: 20 }, (_, i) => `${i},`).join('');
    await until('every edit on disk', async () => (await textOnDisk(server.dataDir, room)) === expected);
  });
});

describe('a compaction that keeps failing', () => {
  it('backs off instead of re-encoding the document on every flush, and loses no edit', async () => {
    let faulty: FaultyStorage | null = null;
    const server = await startInProcess({
      env: {
        SPARKPAD_COMPACT_AFTER_UPDATES: '2',
        SPARKPAD_DURABILITY_WINDOW_MS: '0',
        SPARKPAD_STORAGE_RETRY_INITIAL_MS: '2000',
        SPARKPAD_STORAGE_RETRY_MAX_MS: '10000',
      },
      storage: (dataDir) => (faulty = new FaultyStorage(new SqliteStorage(dataDir))),
    });
    const storage = faulty!;
    storage.failingCompaction = true;
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const writer = connectClient(server.wsUrl, room, editToken);
    try {
      await synced(writer);
      let expected = '';
      for (let i = 0; i < 30; i++) {
        writer.text().insert(expected.length, `${i};`);
        expected += `${i};`;
        // One flush per edit: wait until each is on disk before the next.
        await until(`edit ${i} on disk`, async () => (await textOnDisk(server.dataDir, room)) === expected);
      }
      expect(storage.compactAttempts).toBeLessThanOrEqual(2);
    } finally {
      writer.destroy();
      await server.close();
    }
  });
});
