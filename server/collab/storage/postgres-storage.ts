import pg from 'pg';
import * as Y from 'yjs';
import type { VersionMeta } from '../../../lib/shared/protocol/history';
import { parseRoomDefaults, type RoomDefaults } from '../../../lib/shared/protocol/room-defaults';
import { PostgresVersions, VERSIONS_SCHEMA } from './postgres-versions';
import type { RoomRecord, Storage, StoredRoom, StoredVersion } from './storage';

// Every instance of a cluster appends to the same rows, so `seq` is an identity column: PostgreSQL hands out
// distinct values to concurrent writers, where `max(seq) + 1` would collide.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS rooms (
    id TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL,
    link_generation INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS snapshots (
    room TEXT PRIMARY KEY,
    data BYTEA NOT NULL,
    upto_seq BIGINT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS updates (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room TEXT NOT NULL,
    data BYTEA NOT NULL
  );
  CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room, seq);
  CREATE TABLE IF NOT EXISTS room_defaults (
    room TEXT PRIMARY KEY,
    data JSONB NOT NULL
  );
`;

/** Advisory-lock key of a room's compaction; the schema is part of it so test schemas never contend. */
export const COMPACTION_LOCK = `hashtext(current_schema() || ':compact:' || $1)`;

interface RoomRow {
  id: string;
  created_at: string;
  link_generation: number;
}

const toRecord = (row: RoomRow): RoomRecord => ({
  id: row.id,
  createdAt: Number(row.created_at),
  linkGeneration: row.link_generation,
});

export interface PostgresTimeouts {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
}

const DEFAULT_TIMEOUTS: PostgresTimeouts = { connectTimeoutMs: 5_000, statementTimeoutMs: 10_000 };

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Documents and rooms in PostgreSQL, shared by every instance of a cluster (SPARKPAD_DATABASE_URL).
 * Same contract as SqliteStorage; the differences all come from having several writers per room:
 * identity seqs, a compaction that folds in exactly the rows it deletes, and an advisory lock so one
 * instance compacts a room at a time.
 */
export class PostgresStorage implements Storage {
  private readonly versions: PostgresVersions;

  private constructor(private readonly pool: pg.Pool) {
    this.versions = new PostgresVersions(pool);
  }

  /**
   * Connects and creates the schema (in the connection's search_path) when missing. A database that does
   * not answer fails a connect after `connectTimeoutMs` and a statement after `statementTimeoutMs` (the
   * server cancels it, and the client stops waiting a little later), so an outage is an error the caller
   * retries, never a hang.
   */
  static async connect(connectionString: string, timeouts: PostgresTimeouts = DEFAULT_TIMEOUTS): Promise<PostgresStorage> {
    const pool = new pg.Pool({
      connectionString,
      max: 10,
      connectionTimeoutMillis: timeouts.connectTimeoutMs,
      statement_timeout: timeouts.statementTimeoutMs,
      query_timeout: timeouts.statementTimeoutMs + 1_000,
    });
    // An idle client that loses its connection emits 'error' on the pool; unhandled, it would end the process.
    pool.on('error', () => {});
    try {
      await transaction(pool, async (client) => {
        // Instances of a cluster start together; concurrent CREATE ... IF NOT EXISTS can still collide.
        await client.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':schema'))`);
        await client.query(SCHEMA);
        await client.query(VERSIONS_SCHEMA);
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStorage(pool);
  }

  async createRoom(id: string): Promise<RoomRecord> {
    const { rows } = await this.pool.query<RoomRow>(
      'INSERT INTO rooms (id, created_at) VALUES ($1, $2) RETURNING id, created_at, link_generation',
      [id, Date.now()],
    );
    return toRecord(rows[0]!);
  }

  async getRoom(id: string): Promise<RoomRecord | null> {
    const { rows } = await this.pool.query<RoomRow>(
      'SELECT id, created_at, link_generation FROM rooms WHERE id = $1',
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async rotateLinks(id: string): Promise<RoomRecord> {
    const { rows } = await this.pool.query<RoomRow>(
      'UPDATE rooms SET link_generation = link_generation + 1 WHERE id = $1 RETURNING id, created_at, link_generation',
      [id],
    );
    if (!rows[0]) throw new Error(`rotateLinks: no room ${id}`);
    return toRecord(rows[0]);
  }

  async loadDocument(id: string): Promise<StoredRoom> {
    // One statement sees one snapshot of the database, so a compaction committing meanwhile cannot make
    // us read the old snapshot and then miss the rows it folded into the new one. Every remaining row is
    // returned, not only those past upto_seq: a writer's row can commit after a compaction with a higher
    // upto_seq, and it is not in that snapshot. Yjs ignores what the doc already has.
    const { rows } = await this.pool.query<{ kind: number; seq: string; data: Buffer }>(
      `SELECT 0 AS kind, upto_seq AS seq, data FROM snapshots WHERE room = $1
       UNION ALL
       SELECT 1 AS kind, seq, data FROM updates WHERE room = $1
       ORDER BY kind, seq`,
      [id],
    );
    const snapshot = rows[0]?.kind === 0 ? rows[0] : null;
    const updates = rows.filter((row) => row.kind === 1);
    const seqs = rows.map((row) => Number(row.seq));
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      updates: updates.map((row) => new Uint8Array(row.data)),
      lastSeq: seqs.length > 0 ? Math.max(...seqs) : 0,
    };
  }

  async appendUpdates(id: string, updates: Uint8Array[]): Promise<number> {
    if (updates.length === 0) return (await this.loadDocument(id)).lastSeq;
    // One statement: atomic, and identity values follow the ORDER BY, so seqs keep the given order.
    const { rows } = await this.pool.query<{ seq: string }>(
      `INSERT INTO updates (room, data)
       SELECT $1, data FROM unnest($2::bytea[]) WITH ORDINALITY AS batch(data, position) ORDER BY position
       RETURNING seq`,
      [id, updates.map(toBuffer)],
    );
    return Math.max(...rows.map((row) => Number(row.seq)));
  }

  async compact(id: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    await transaction(this.pool, async (client) => {
      // Only one instance compacts a room at a time; a second one waits, then folds in the first's result.
      await client.query(`SELECT pg_advisory_xact_lock(${COMPACTION_LOCK})`, [id]);
      const previous = await client.query<{ data: Buffer; upto_seq: string }>(
        'SELECT data, upto_seq FROM snapshots WHERE room = $1',
        [id],
      );
      // The caller's snapshot holds what its instance has seen, but another instance may have appended rows
      // it has not received yet. Deleting with RETURNING gives exactly the rows dropped, and they are folded
      // into the new snapshot, so nothing is lost whatever the caller saw.
      const dropped = await client.query<{ data: Buffer }>(
        'DELETE FROM updates WHERE room = $1 AND seq <= $2 RETURNING data',
        [id, uptoSeq],
      );
      const merged = mergeIntoSnapshot([
        ...(previous.rows[0] ? [previous.rows[0].data] : []),
        ...dropped.rows.map((row) => row.data),
        snapshot,
      ]);
      const upto = Math.max(uptoSeq, Number(previous.rows[0]?.upto_seq ?? 0));
      await client.query(
        `INSERT INTO snapshots (room, data, upto_seq) VALUES ($1, $2, $3)
         ON CONFLICT (room) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq`,
        [id, toBuffer(merged), upto],
      );
    });
  }

  saveVersion(id: string, version: StoredVersion): Promise<void> {
    return this.versions.save(id, version);
  }

  listVersions(id: string): Promise<VersionMeta[]> {
    return this.versions.list(id);
  }

  loadVersion(id: string, versionId: string): Promise<StoredVersion | null> {
    return this.versions.load(id, versionId);
  }

  deleteVersions(id: string, versionIds: string[]): Promise<void> {
    return this.versions.delete(id, versionIds);
  }

  async loadRoomDefaults(id: string): Promise<RoomDefaults> {
    const { rows } = await this.pool.query<{ data: unknown }>('SELECT data FROM room_defaults WHERE room = $1', [id]);
    return rows[0] ? parseRoomDefaults(rows[0].data) : {};
  }

  async saveRoomDefaults(id: string, defaults: RoomDefaults): Promise<void> {
    await this.pool.query(
      'INSERT INTO room_defaults (room, data) VALUES ($1, $2) ON CONFLICT (room) DO UPDATE SET data = excluded.data',
      [id, JSON.stringify(defaults)],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Applies updates to a fresh doc and encodes it: unlike Y.mergeUpdates, this also drops deleted content. */
function mergeIntoSnapshot(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => updates.forEach((update) => Y.applyUpdate(doc, update)));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
