import { describe, expect, it } from 'vitest';
import { clusterForTheseTests } from '../helpers/cluster';
import type { ServerProcess } from '../helpers/server-process';
import { delay, startTyping, untilConverged, type Typed } from '../helpers/typing';
import { synced, whenDoc } from '../helpers/yjs-client';

// The server's default SPARKPAD_DURABILITY_WINDOW_MS, as the README states it.
const DURABILITY_WINDOW_MS = 50;
// Time for an edit to reach its instance and cross Redis on loopback, with room for a loaded CI machine.
const TRANSIT_MARGIN_MS = 250;

describe('an instance killed while its clients type', () => {
  const scaled = clusterForTheseTests(3);
  const { connect } = scaled;

  it('moves its clients to another instance without losing edits older than the durability window', async () => {
    const [first, second, third] = scaled.cluster.instances as [ServerProcess, ServerProcess, ServerProcess];
    const { room, editToken } = await scaled.cluster.createRoom();
    const onFirst = connect(first, room, editToken);
    const onSecond = connect(second, room, editToken);
    const onThird = connect(third, room, editToken);
    // Types on instance 2 and goes down with it (its tab closes): only the servers can have kept its edits.
    const lostWithSecond = connect(second, room, editToken);
    const everyone = [onFirst, onSecond, onThird, lostWithSecond];
    await Promise.all(everyone.map(synced));
    onFirst.text();
    await Promise.all(everyone.map((client) => whenDoc(client.doc, () => client.doc.getMap('files').has('main.ts'))));

    const names = ['one', 'two', 'three', 'gone'];
    const logs: Typed[][] = names.map(() => []);
    const stops = everyone.map((client, i) => startTyping(client, names[i]!, logs[i]!));
    // Enough typing, however busy the machine: instance 1 has relayed 40 of the doomed client's edits...
    await whenDoc(onFirst.doc, () => onFirst.read().includes('<gone40>'));
    // ...and they are older than the durability window, which is the promise under test.
    await delay(DURABILITY_WINDOW_MS + TRANSIT_MARGIN_MS);

    const killedAt = Date.now();
    await second.kill();
    stops[3]!();
    lostWithSecond.provider.destroy();
    // What a load balancer does: the same browser state, a new connection to a live instance.
    onSecond.provider.destroy();
    const moved = connect(third, room, editToken, onSecond.doc);
    await delay(300); // they keep typing on the new instance
    stops.forEach((stop) => stop());

    const survivors = [onFirst, moved, onThird];
    const durableOfGone = logs[3]!.filter((typed) => typed.sentAt < killedAt - DURABILITY_WINDOW_MS - TRANSIT_MARGIN_MS);
    expect(durableOfGone.length).toBeGreaterThan(40);
    const mustHave = [...logs[0]!, ...logs[1]!, ...logs[2]!, ...durableOfGone].map((typed) => typed.token);
    await untilConverged(survivors, mustHave);

    // A fresh reader on a surviving instance sees the same text: the room, not only the clients, converged.
    const reader = connect(first, room, editToken);
    await synced(reader);
    await untilConverged([...survivors, reader], mustHave);
  });
});
