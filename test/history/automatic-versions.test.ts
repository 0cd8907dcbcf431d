import { afterEach, describe, expect, it } from 'vitest';
import { listVersions, versionFiles } from '../helpers/history';
import { startInProcess, until, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDataDir } from '../helpers/sessions';
import { connectClient, synced, type YjsClient } from '../helpers/yjs-client';

let server: InProcessServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function joinAs(room: string, token: string, name: string): YjsClient {
  const client = connectClient(server!.wsUrl, room, token);
  client.provider.awareness.setLocalState({ user: { id: `id-${name}`, name, color: '#336699', kind: 'human' }, file: null, selection: null });
  return client;
}

describe('automatic versions', () => {
  it('end a stretch of editing, crediting who took part', async () => {
    server = await startInProcess({ env: { SPARKPAD_VERSION_EVERY_MS: '1000' } });
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const ada = joinAs(room, editToken, 'Ada');
    const bob = joinAs(room, editToken, 'Bob');
    await Promise.all([synced(ada), synced(bob)]);
    ada.text().insert(0, 'a');
    bob.text('b.ts').insert(0, 'b');
    await until('an automatic version', async () => (await listVersions(server!.url, room, editToken)).length > 0, 10_000);
    const [version] = await listVersions(server.url, room, editToken);
    expect(version).toMatchObject({ kind: 'auto' });
    expect([...version!.by].sort()).toEqual(['Ada', 'Bob']);
    expect((await versionFiles(server.url, room, editToken, version!.id)).files).toEqual({ 'main.ts': 'a', 'b.ts': 'b' });
    ada.destroy();
    bob.destroy();
  });

  it('are taken when the last member leaves, and not when nothing changed', async () => {
    server = await startInProcess();
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const ada = joinAs(room, editToken, 'Ada');
    await synced(ada);
    ada.text().insert(0, 'left behind');
    await until('the server has the edit', async () => (await server!.server.rooms.open(room)).doc.getMap('files').has('main.ts'));
    ada.destroy();
    await until('the room unloaded', () => !server!.server.rooms.isLoaded(room));
    const versions = await listVersions(server.url, room, editToken);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ kind: 'auto', by: ['Ada'] });

    const reader = joinAs(room, editToken, 'Ada');
    await synced(reader);
    reader.destroy();
    await until('the room unloaded again', () => !server!.server.rooms.isLoaded(room));
    expect(await listVersions(server.url, room, editToken)).toHaveLength(1);
  });
});
