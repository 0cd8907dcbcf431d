import { describe, expect, it } from 'vitest';
import { clustersInEachTest } from '../helpers/cluster';
import { listVersions, restoreVersion, saveVersion } from '../helpers/history';
import type { ServerProcess } from '../helpers/server-process';
import { synced, whenDoc } from '../helpers/yjs-client';

describe('history across instances', () => {
  const clusters = clustersInEachTest();

  // 60 s: two server processes start inside the test, which alone can pass the default on a loaded machine.
  it('a version saved on one instance is listed on the other, and a restore there reaches a client on the first', async () => {
    const cluster = await clusters.start(2);
    const [one, two] = cluster.instances as [ServerProcess, ServerProcess];
    const { room, editToken } = await cluster.createRoom();
    const ada = clusters.connect(one, room, editToken);
    const bob = clusters.connect(two, room, editToken);
    await Promise.all([synced(ada), synced(bob)]);
    ada.text().insert(0, 'version one\n');
    await whenDoc(bob.doc, () => bob.read() === 'version one\n');
    const saved = await saveVersion(two.url, room, editToken, 'one');
    expect(saved.status).toBe(201);
    expect((await listVersions(one.url, room, editToken)).map((v) => v.label)).toContain('one');

    ada.text().insert(ada.read().length, 'broken\n');
    await whenDoc(bob.doc, () => bob.read().endsWith('broken\n'));
    expect((await restoreVersion(two.url, room, editToken, saved.body.id!)).body).toMatchObject({ ok: true });
    await whenDoc(ada.doc, () => ada.read() === 'version one\n');
    expect(bob.read()).toBe('version one\n');
  }, 60_000);
});
