// bench/parts/: one file per part of `npm run bench`, each exporting the part bench/main.ts runs; the
// part's opening comment says what it measures and how, and bench/README.md collects them.

/**
 * Propagation across two instances vs within one. Two instances share the local
 * PostgreSQL and Redis (test/helpers/cluster.ts). In each of R rooms a writer types on instance 1 and two
 * readers watch, one on instance 1 and one on instance 2; every edit is timed from the writer's insert to
 * its arrival at each reader, in this one process, so both paths share one clock and one load.
 */
import { connectClient, synced, whenDoc, type YjsClient } from '../../test/helpers/yjs-client';
import { clusterOrReason } from '../lib/cluster';
import type { Part } from '../lib/part';
import { measured, round, summarize } from '../lib/stats';

const ROOMS = 10;
const PART = 'cluster';

export const clusterPart: Part = {
  name: PART,
  summary: 'edit propagation across two instances (Redis + PostgreSQL) vs within one',
  async run(context) {
    const edits = context.options.quick ? 40 : 200;
    const cluster = await clusterOrReason(PART, 'across instances', 2);
    if (Array.isArray(cluster)) return cluster;
    const clients: YjsClient[] = [];
    try {
      const [one, two] = cluster.instances as [typeof cluster.instances[0], typeof cluster.instances[0]];
      const within: number[] = [];
      const across: number[] = [];
      const rooms = await Promise.all(Array.from({ length: ROOMS }, () => cluster.createRoom()));
      const triples = rooms.map((room) => {
        const open = (url: string) => {
          const client = connectClient(url, room.room, room.editToken);
          clients.push(client);
          return client;
        };
        return { writer: open(one!.wsUrl), near: open(one!.wsUrl), far: open(two!.wsUrl) };
      });
      await Promise.all(clients.map(synced));
      context.log(`${ROOMS} rooms, ${edits} edits each, readers on the writer's instance and on the other`);
      for (let i = 0; i < edits; i++) {
        await Promise.all(
          triples.map(async ({ writer, near, far }) => {
            const marker = `<${i}>`;
            const sentAt = performance.now();
            writer.text().insert(writer.read().length, marker);
            await Promise.all([
              whenDoc(near.doc, () => near.read().endsWith(marker)).then(() => within.push(performance.now() - sentAt)),
              whenDoc(far.doc, () => far.read().endsWith(marker)).then(() => across.push(performance.now() - sentAt)),
            ]);
          }),
        );
        // About 20 edits per second per room, like brisk typing.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const a = summarize(across);
      const w = summarize(within);
      return [
        measured(PART, 'within one instance', 'ms', w),
        measured(PART, 'across two instances', 'ms', a, { ratio: round(a.p95 / w.p95, 2), note: 'ratio: across / within at p95' }),
      ];
    } finally {
      for (const client of clients) client.destroy();
      await cluster.destroy();
    }
  },
};
