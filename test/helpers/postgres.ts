import pg from 'pg';
import { TokenSigner } from '../../server/auth/tokens';
import { PostgresStorage } from '../../server/collab/storage/postgres-storage';
import { TEST_SECRET } from './server-process';
import { storedFileText } from './stored-document';
import { randomRoomId, type TestRoom } from './sessions';

/** The local test database (trust auth); override for another machine. */
export const TEST_DATABASE_URL = process.env.SPARKPAD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  /** A connection URL whose search_path is this schema only: tables created through it land there. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh schema, so test files running in parallel never see each other's rooms or rows. */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `sparkpad_test_${randomRoomId().toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  await adminQuery(`CREATE SCHEMA ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return { url: url.toString(), name, drop: () => adminQuery(`DROP SCHEMA IF EXISTS ${name} CASCADE`) };
}

function adminQuery(sql: string): Promise<void> {
  return query(TEST_DATABASE_URL, sql);
}

/**
 * Creates a bare room (no starter file: POST /api/sessions adds one) in a PostgreSQL schema, for tests
 * that write the document themselves; servers must share TEST_SECRET.
 */
export async function createRoomInDatabase(url: string, room = randomRoomId()): Promise<TestRoom> {
  const storage = await PostgresStorage.connect(url);
  try {
    await storage.createRoom(room);
  } finally {
    await storage.close();
  }
  const signer = new TokenSigner(TEST_SECRET);
  return { room, editToken: signer.issue(room, 'edit'), viewToken: signer.issue(room, 'view') };
}

/** The text of one file as PostgreSQL holds it: snapshot plus the updates after it. */
export async function textInDatabase(url: string, room: string, path = 'main.ts'): Promise<string> {
  const storage = await PostgresStorage.connect(url);
  return storedFileText(storage, room, path).finally(() => storage.close());
}

/**
 * Makes PostgreSQL refuse every document write (appends and compactions) in the schema until the returned
 * function is called: the servers keep those edits in memory and retry, as in a database outage, so what
 * they accept meanwhile is nowhere in the database. Call it once the servers have created their tables.
 */
export async function refuseDocumentWrites(url: string): Promise<() => Promise<void>> {
  await query(
    url,
    `CREATE FUNCTION refuse_document_write() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'document writes are refused by the test'; END $$;
     CREATE TRIGGER refuse_appends BEFORE INSERT OR UPDATE ON updates FOR EACH STATEMENT EXECUTE FUNCTION refuse_document_write();
     CREATE TRIGGER refuse_compactions BEFORE INSERT OR UPDATE OR DELETE ON snapshots FOR EACH STATEMENT EXECUTE FUNCTION refuse_document_write();`,
  );
  return () => query(url, 'DROP FUNCTION refuse_document_write() CASCADE');
}

async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
