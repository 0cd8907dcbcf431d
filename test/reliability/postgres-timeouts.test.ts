import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../server/collab/storage/postgres-storage';
import { createTestSchema, type TestSchema } from '../helpers/postgres';
import { startSilentServer } from '../helpers/tcp-proxy';

describe('a PostgreSQL that does not answer', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(() => schema.drop());

  it('fails a connect after the connect timeout instead of hanging', async () => {
    const silent = await startSilentServer();
    try {
      const started = performance.now();
      await expect(
        PostgresStorage.connect(`postgres://postgres@127.0.0.1:${silent.port}/test`, { connectTimeoutMs: 300, statementTimeoutMs: 1_000 }),
      ).rejects.toThrow(/timeout/i);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await silent.close();
    }
  });

  it('cancels a statement stuck behind a lock after the statement timeout', async () => {
    const storage = await PostgresStorage.connect(schema.url, { connectTimeoutMs: 2_000, statementTimeoutMs: 300 });
    const locker = new pg.Client({ connectionString: schema.url });
    await locker.connect();
    try {
      await storage.createRoom('locked-room');
      await locker.query('BEGIN');
      await locker.query(`SELECT * FROM rooms WHERE id = 'locked-room' FOR UPDATE`);
      const started = performance.now();
      await expect(storage.rotateLinks('locked-room')).rejects.toThrow(/statement timeout|canceling statement/i);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
      await storage.close();
    }
  });
});
