import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../helpers/cluster';
import { listVersions, restoreVersion, saveVersion } from '../helpers/history';
import type { ServerProcess } from '../helpers/server-process';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

describe('history across instances', () => {
  let cluster: Cluster | null = null;
  const clients: YjsClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await cluster?.destroy();
    cluster = null;
  });

  // 60 s: two server processes start inside the test, which alone can pass the default on a loaded machine.
  it('a version saved on one instance is listed on the other, and a restore there reaches a client on the first', async () => {
    cluster = await startCluster(2);
    const [one, two] = cluster.instances as [ServerProcess, ServerProcess];
    const { room, editToken } = await cluster.createRoom();
    const ada = connectClient(one.wsUrl, room, editToken);
    const bob = connectClient(two.wsUrl, room, editToken);
    clients.push(ada, bob);
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
