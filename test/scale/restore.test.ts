import { describe, expect, it } from 'vitest';
import { clustersInEachTest, type Cluster } from '../helpers/cluster';
import { textInDatabase } from '../helpers/postgres';
import { dropRedisPrefix } from '../helpers/redis';
import { delay, recordArrivals, startTyping, untilConverged, type Typed } from '../helpers/typing';
import { synced, whenDoc } from '../helpers/yjs-client';

// The server's default SPARKPAD_DURABILITY_WINDOW_MS, as the README states it.
const DURABILITY_WINDOW_MS = 50;
// Room for a loaded machine between an instance writing and the test's clock.
const MARGIN_MS = 250;

describe('a room outlives every instance', () => {
  const clusters = clustersInEachTest();

  /** Three instances, one typist on each, typing for a while. */
  const typeOnThreeInstances = async () => {
    const cluster = await clusters.start(3);
    const { room, editToken } = await cluster.createRoom();
    const typists = cluster.instances.map((instance) => clusters.connect(instance, room, editToken));
    await Promise.all(typists.map(synced));
    typists[0]!.text();
    await Promise.all(typists.map((client) => whenDoc(client.doc, () => client.doc.getMap('files').has('main.ts'))));
    const logs: Typed[][] = typists.map(() => []);
    const arrivals = new Map<string, number>();
    const listening = typists.map((client) => recordArrivals(client, arrivals));
    const stops = typists.map((client, i) => startTyping(client, `i${i + 1}-`, logs[i]!));
    // Enough typing, however busy the machine: instance 1 has received 30 edits from each instance.
    await whenDoc(typists[0]!.doc, () => [1, 2, 3].every((i) => typists[0]!.read().includes(`<i${i}-30>`)));
    const stopTyping = () => [...stops, ...listening].forEach((stop) => stop());
    return { cluster, room, editToken, typists, logs, arrivals, stopTyping };
  };

  /** One new instance, with nothing left in Redis: whatever it serves came from PostgreSQL. */
  const readFromFreshInstance = async (cluster: Cluster, room: string, editToken: string) => {
    await dropRedisPrefix(cluster.redisPrefix);
    const fresh = await cluster.start();
    const reader = clusters.connect(fresh, room, editToken);
    await synced(reader);
    return reader.read();
  };

  // Three instances and a fresh fourth: allow for a busy machine.
  it('serves the text from PostgreSQL after every instance stopped', { timeout: 60_000 }, async () => {
    const { cluster, room, editToken, typists, logs, stopTyping } = await typeOnThreeInstances();
    stopTyping();
    const tokens = logs.flat().map((typed) => typed.token);
    await untilConverged(typists, tokens);
    const text = typists[0]!.read();
    for (const typist of typists) typist.provider.destroy();
    await Promise.all(cluster.instances.map((instance) => instance.stop()));

    expect(await readFromFreshInstance(cluster, room, editToken)).toBe(text);
  });

  it('keeps edits older than the durability window when every instance is killed', { timeout: 60_000 }, async () => {
    const { cluster, room, editToken, logs, arrivals, stopTyping } = await typeOnThreeInstances();
    // What is under test: edits older than the durability window are on disk when the crash comes.
    await delay(DURABILITY_WINDOW_MS + MARGIN_MS);
    const killedAt = Date.now();
    await Promise.all(cluster.instances.map((instance) => instance.kill()));
    stopTyping();

    // An edit another instance's client had received had reached an instance: older than the window, it is stored.
    const durable = logs.flat().filter((typed) => (arrivals.get(typed.token) ?? Infinity) < killedAt - DURABILITY_WINDOW_MS - MARGIN_MS);
    expect(durable.length).toBeGreaterThan(90);
    const textOnDisk = await textInDatabase(cluster.schema.url, room);
    expect(durable.filter((typed) => !textOnDisk.includes(typed.token))).toEqual([]);
    expect(await readFromFreshInstance(cluster, room, editToken)).toBe(textOnDisk);
  });
});
