import type pg from 'pg';
import type { VersionMeta } from '../../../lib/shared/protocol/history';
import type { StoredVersion } from './storage';

/** `seq` orders versions taken in the same millisecond, whichever instance took them. */
export const VERSIONS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS versions (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room TEXT NOT NULL,
    id TEXT NOT NULL,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    by_names JSONB NOT NULL,
    state BYTEA NOT NULL,
    UNIQUE (room, id)
  );
`;

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

interface VersionRow {
  id: string;
  at: string;
  kind: string;
  label: string;
  by_names: string[];
}

const toMeta = (row: VersionRow): VersionMeta => ({
  id: row.id,
  at: Number(row.at),
  kind: row.kind as VersionMeta['kind'],
  label: row.label,
  by: row.by_names,
});

/** The versions table of PostgresStorage: rows no compaction reads or deletes. */
export class PostgresVersions {
  constructor(private readonly pool: pg.Pool) {}

  async save(room: string, version: StoredVersion): Promise<void> {
    const { id, at, kind, label, by, state } = version;
    await this.pool.query(
      'INSERT INTO versions (room, id, at, kind, label, by_names, state) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [room, id, at, kind, label, JSON.stringify(by), toBuffer(state)],
    );
  }

  async list(room: string): Promise<VersionMeta[]> {
    const { rows } = await this.pool.query<VersionRow>(
      'SELECT id, at, kind, label, by_names FROM versions WHERE room = $1 ORDER BY at DESC, seq DESC',
      [room],
    );
    return rows.map(toMeta);
  }

  async load(room: string, id: string): Promise<StoredVersion | null> {
    const { rows } = await this.pool.query<VersionRow & { state: Buffer }>(
      'SELECT id, at, kind, label, by_names, state FROM versions WHERE room = $1 AND id = $2',
      [room, id],
    );
    return rows[0] ? { ...toMeta(rows[0]), state: new Uint8Array(rows[0].state) } : null;
  }

  async delete(room: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query('DELETE FROM versions WHERE room = $1 AND id = ANY($2::text[])', [room, ids]);
  }
}
