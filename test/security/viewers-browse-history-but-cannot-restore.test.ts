import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyCall, listVersions, restoreVersion, saveVersion, versionFiles } from '../helpers/history';
import { startInProcess, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDataDir, type TestRoom } from '../helpers/sessions';
import { connectClient, synced, whenDoc } from '../helpers/yjs-client';

describe('history: a view link browses, only an edit link saves or restores', () => {
  let server: InProcessServer;
  let session: TestRoom;
  let versionId: string;
  beforeAll(async () => {
    server = await startInProcess();
    session = await createRoomInDataDir(server.dataDir);
    const ada = connectClient(server.wsUrl, session.room, session.editToken);
    await synced(ada);
    ada.text().insert(0, 'kept');
    versionId = (await saveVersion(server.url, session.room, session.editToken, 'kept')).body.id!;
    ada.text().insert(4, ' and more');
    const loaded = await server.server.rooms.open(session.room);
    await whenDoc(loaded.doc, () => loaded.doc.getMap('files').get('main.ts')?.toString() === 'kept and more');
    ada.destroy();
  });
  afterAll(() => server.close());

  it('lets a view link list versions and read one', async () => {
    const versions = await listVersions(server.url, session.room, session.viewToken);
    expect(versions.map((v) => v.id)).toContain(versionId);
    expect((await versionFiles(server.url, session.room, session.viewToken, versionId)).files).toEqual({ 'main.ts': 'kept' });
  });

  it('refuses a view link that saves or restores, by name, and changes nothing', async () => {
    const before = await listVersions(server.url, session.room, session.editToken);
    const save = await saveVersion(server.url, session.room, session.viewToken, 'sneaky');
    expect(save).toMatchObject({ status: 403, body: { error: 'READ_ONLY' } });
    const restore = await restoreVersion(server.url, session.room, session.viewToken, versionId);
    expect(restore).toMatchObject({ status: 403, body: { error: 'READ_ONLY' } });
    expect(await listVersions(server.url, session.room, session.editToken)).toEqual(before);
    const reader = connectClient(server.wsUrl, session.room, session.viewToken);
    await synced(reader);
    expect(reader.read()).toBe('kept and more');
    reader.destroy();
  });

  it('refuses a missing, foreign or rotated token with the websocket codes', async () => {
    const path = `/api/sessions/${session.room}/history`;
    expect(await historyCall(server.url, path, null)).toMatchObject({ status: 403, body: { error: 'UNAUTHORIZED' } });
    const other = await createRoomInDataDir(server.dataDir);
    expect(await historyCall(server.url, path, other.editToken)).toMatchObject({ status: 403, body: { error: 'FORBIDDEN_ROOM' } });
    const restorePath = `/api/sessions/${session.room}/history/${versionId}/restore`;
    expect(await historyCall(server.url, restorePath, other.editToken, 'POST')).toMatchObject({ body: { error: 'FORBIDDEN_ROOM' } });
  });

  it('names a version that does not exist', async () => {
    const missing = await historyCall(server.url, `/api/sessions/${session.room}/history/nope`, session.viewToken);
    expect(missing).toMatchObject({ status: 404, body: { error: 'VERSION_NOT_FOUND' } });
    const restore = await restoreVersion(server.url, session.room, session.editToken, 'nope');
    expect(restore).toMatchObject({ status: 404, body: { error: 'VERSION_NOT_FOUND' } });
  });
});
