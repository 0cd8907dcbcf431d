import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMPACTION_LOCK, PostgresStorage } from '../../server/collab/storage/postgres-storage';
import type { Storage } from '../../server/collab/storage/storage';
import { createTestSchema, type TestSchema } from '../helpers/postgres';
import { randomRoomId } from '../helpers/sessions';
import { storedDoc } from '../helpers/stored-document';
import { storageContract } from './storage-contract';

const schema: Promise<TestSchema> = createTestSchema();

// The schema outlives the contract suite: the multi-instance tests below use it too.
afterAll(async () => (await schema).drop());

storageContract('PostgresStorage', {
  open: async () => PostgresStorage.connect((await schema).url),
  cleanup: async () => {},
});

/** A doc that records each edit's update, like one instance's room. */
function writer() {
  const doc = new Y.Doc();
  const text = doc.getText('main.ts');
  return {
    doc,
    type(chars: string): Uint8Array {
      let update: Uint8Array | null = null;
      const capture = (u: Uint8Array) => (update = u);
      doc.on('update', capture);
      text.insert(text.length, chars);
      doc.off('update', capture);
      return update!;
    },
  };
}

async function textIn(storage: Storage, room: string): Promise<string> {
  return storedDoc(await storage.loadDocument(room)).getText('main.ts').toString();
}

describe('PostgresStorage with several instances writing one room', () => {
  const handles: Storage[] = [];
  const instance = async () => {
    const storage = await PostgresStorage.connect((await schema).url);
    handles.push(storage);
    return storage;
  };
  afterAll(async () => {
    for (const storage of handles.splice(0)) await storage.close();
  });

  it('gives concurrent appends from different instances distinct seqs', async () => {
    const [one, two] = [await instance(), await instance()];
    const room = randomRoomId();
    const [a, b] = [writer(), writer()];
    const appends = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0 ? one.appendUpdates(room, [a.type(`a${i};`)]) : two.appendUpdates(room, [b.type(`b${i};`)]),
    );
    const seqs = await Promise.all(appends);
    expect(new Set(seqs).size).toBe(40);
    expect((await one.loadDocument(room)).updates).toHaveLength(40);
  });

  it('keeps rows the compacting instance had not seen yet', async () => {
    const [one, two] = [await instance(), await instance()];
    const room = randomRoomId();
    const [a, b] = [writer(), writer()];
    await one.appendUpdates(room, [a.type('from one. ')]);
    // Instance two's edit reaches the database before it reaches instance one over Redis.
    const unseen = await two.appendUpdates(room, [b.type('from two. ')]);
    const upto = await one.appendUpdates(room, [a.type('one again.')]);
    expect(upto).toBeGreaterThan(unseen);
    await one.compact(room, Y.encodeStateAsUpdate(a.doc), upto);
    const text = await textIn(one, room);
    expect(text).toContain('from two. ');
    expect(text).toContain('one again.');
    expect((await one.loadDocument(room)).updates).toHaveLength(0);
  });

  it('lets concurrent compactions of one room keep what each instance saw', async () => {
    const [one, two] = [await instance(), await instance()];
    const room = randomRoomId();
    const [a, b] = [writer(), writer()];
    for (let round = 0; round < 10; round++) {
      const uptoA = await one.appendUpdates(room, [a.type(`A${round} `)]);
      const uptoB = await two.appendUpdates(room, [b.type(`B${round} `)]);
      await Promise.all([
        one.compact(room, Y.encodeStateAsUpdate(a.doc), uptoA),
        two.compact(room, Y.encodeStateAsUpdate(b.doc), uptoB),
      ]);
    }
    const text = await textIn(one, room);
    for (let round = 0; round < 10; round++) {
      expect(text).toContain(`A${round} `);
      expect(text).toContain(`B${round} `);
    }
  });

  it('waits while another instance holds the room compaction lock', async () => {
    const storage = await instance();
    const room = randomRoomId();
    const a = writer();
    const upto = await storage.appendUpdates(room, [a.type('locked')]);
    const other = new pg.Client({ connectionString: (await schema).url });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(${COMPACTION_LOCK})`, [room]);
      let done = false;
      const compaction = storage.compact(room, Y.encodeStateAsUpdate(a.doc), upto).then(() => (done = true));
      // Deterministic: wait until PostgreSQL reports a compaction queued behind the held lock; a compaction
      // that ignores the lock finishes first and fails the race.
      const queued = until(async () => {
        const { rows } = await other.query(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
        );
        return rows[0].n > 0 || done;
      });
      await queued;
      expect(done).toBe(false);
      await other.query(`SELECT pg_advisory_unlock(${COMPACTION_LOCK})`, [room]);
      await compaction;
      expect((await storage.loadDocument(room)).updates).toHaveLength(0);
    } finally {
      await other.end();
    }
  });
});

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 10));
}
