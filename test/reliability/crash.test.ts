import { describe, expect, it } from 'vitest';
import { restartsInEachTest } from '../helpers/restarts';
import { createRoomInDataDir } from '../helpers/sessions';
import { textOnDisk } from '../helpers/stored-document';
import { recordArrivals, startTyping, type Typed } from '../helpers/typing';
import { synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

// The server's default SPARKPAD_DURABILITY_WINDOW_MS, as the README states it.
const DURABILITY_WINDOW_MS = 50;
// Room for a loaded machine between the server writing and the test's clock.
const MARGIN_MS = 250;

describe('a server killed while three people type', () => {
  const restarts = restartsInEachTest();

  it('keeps every edit older than the durability window, and merges what clients typed meanwhile', { timeout: 60_000 }, async () => {
    const first = await restarts.start();
    const { room, editToken } = await createRoomInDataDir(first.dataDir);
    const names = ['a', 'b', 'c'];
    const typists = names.map(() => restarts.connect(first, room, editToken));
    await Promise.all(typists.map(synced));
    typists[0]!.text(); // one client creates the file; the others wait until they see it
    await Promise.all(typists.map((client) => whenDoc(client.doc, () => client.doc.getMap('files').has('main.ts'))));

    const logs: Typed[][] = names.map(() => []);
    const arrivals = new Map<string, number>();
    const listening = typists.map((client) => recordArrivals(client, arrivals));
    const stops = typists.map((client, i) => startTyping(client, names[i]!, logs[i]!));
    // Enough typing, however busy the machine: 150 edits went through the server to another client.
    await whenDoc(typists[0]!.doc, () => arrivals.size >= 150);
    await new Promise((resolve) => setTimeout(resolve, DURABILITY_WINDOW_MS + MARGIN_MS));
    const killedAt = Date.now();
    await first.kill();
    listening.forEach((stop) => stop());
    // They keep typing while the server is down.
    await new Promise((resolve) => setTimeout(resolve, 300));
    stops.forEach((stop) => stop());

    const onDisk = await textOnDisk(first.dataDir, room);
    // An edit another client had received had reached the server: older than the window, it is on disk.
    const durable = logs.flat().filter((typed) => (arrivals.get(typed.token) ?? Infinity) < killedAt - DURABILITY_WINDOW_MS - MARGIN_MS);
    expect(durable.length).toBeGreaterThan(100);
    const lost = durable.filter((typed) => !onDisk.includes(typed.token));
    expect(lost).toEqual([]);

    const second = await restarts.start({ dataDir: first.dataDir, port: first.port });
    const everything = logs.flat().map((typed) => typed.token);
    const hasAll = (client: YjsClient) => () => everything.every((token) => client.read().includes(token));
    await Promise.all(typists.map((client) => whenDoc(client.doc, hasAll(client))));
    const reader = await restarts.join(second, room, editToken);
    await whenDoc(reader.doc, hasAll(reader));
    // One text for everyone, with each token exactly once.
    expect(new Set(typists.map((client) => client.read())).size).toBe(1);
    expect(reader.read().length).toBe(everything.join('').length);
  });
});
