import { describe, expect, it } from 'vitest';
import { clusterForTheseTests } from '../helpers/cluster';
import { refuseDocumentWrites, textInDatabase } from '../helpers/postgres';
import type { ServerProcess } from '../helpers/server-process';
import { startTyping, untilConverged, type Typed } from '../helpers/typing';
import { synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

// The stream must still hold everything typed while the database refuses writes, however long the restart takes.
const STREAM_RETENTION_MS = 60 * 60 * 1000;

/** The client's text the moment its next sync with a server completes: what that server served. */
function textAtNextSync(client: YjsClient): Promise<string> {
  return new Promise((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return; // the lost connection reports itself first
      client.provider.off('sync', onSync);
      resolve(client.read());
    };
    client.provider.on('sync', onSync);
  });
}

describe('an instance restarted while the others keep editing', () => {
  const scaled = clusterForTheseTests(3, { env: { SPARKPAD_STREAM_RETENTION_MS: String(STREAM_RETENTION_MS) } });
  const { connect } = scaled;

  it('catches up to the current text before serving its clients', { timeout: 120_000 }, async () => {
    const [first, second, third] = scaled.cluster.instances as [ServerProcess, ServerProcess, ServerProcess];
    const { room, editToken } = await scaled.cluster.createRoom();
    const writer = connect(first, room, editToken);
    const watcher = connect(third, room, editToken);
    const returning = connect(second, room, editToken);
    await Promise.all([writer, watcher, returning].map(synced));
    writer.text();
    await whenDoc(returning.doc, () => returning.doc.getMap('files').has('main.ts'));

    const log: Typed[] = [];
    const stopTyping = startTyping(writer, 'w', log);
    await whenDoc(returning.doc, () => returning.read().includes('<w20>'));
    await second.stop();
    // From here on the database takes no document write, so what the writer types while instance 2 is away
    // is in the memory of instances 1 and 3 and in the Redis stream only: the restarted instance can get it
    // from the stream alone. The watcher on instance 3 sees it through Redis.
    const acceptWrites = await refuseDocumentWrites(scaled.cluster.schema.url);
    const later = `<w${log.length + 40}>`;
    await whenDoc(watcher.doc, () => watcher.read().includes(later));

    const returningServed = textAtNextSync(returning);
    const restarted = await scaled.cluster.start(second.port);
    // Everything the watcher holds was published before the newcomer connects.
    const seen = watcher.read();
    const newcomer = connect(restarted, room, editToken);
    const newcomerServed = await textAtNextSync(newcomer);
    const seenTokens = seen.match(/<w\d+>/g)!;

    const inDatabase = await textInDatabase(scaled.cluster.schema.url, room);
    const onlyInRedis = seenTokens.filter((token) => !inDatabase.includes(token));
    expect(onlyInRedis.length, 'edits the restarted instance could only get from Redis').toBeGreaterThan(0);
    expect(seenTokens.filter((token) => !newcomerServed.includes(token))).toEqual([]);

    // The client that was on instance 2 reconnects by itself (same address) and is served the same way.
    const returningText = await returningServed;
    expect(seenTokens.filter((token) => !returningText.includes(token))).toEqual([]);

    stopTyping();
    await acceptWrites();
    await untilConverged([writer, watcher, returning, newcomer], log.map((typed) => typed.token));
  });
});
