import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import fs from 'node:fs';
import path from 'node:path';
import type { VersionMeta } from '../../../lib/shared/protocol/history';
import { parseRoomDefaults, type RoomDefaults } from '../../../lib/shared/protocol/room-defaults';
import type { RoomRecord, Storage, StoredRoom, StoredVersion } from './storage';

/**
 * The embedded default: one SQLite file in the data dir, WAL mode. better-sqlite3 is synchronous; a
 * batch append is a single transaction of tens of microseconds, so it runs on the event loop.
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly appends: Array<{ id: string; updates: Uint8Array[]; resolve(seq: number): void; reject(error: unknown): void }> = [];

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'sparkpad.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives a process crash (our durability promise);
    // only an OS crash or power loss can take the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS rooms (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        link_generation INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS snapshots (
        room TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        upto_seq INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS updates (
        room TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (room, seq)
      );
      CREATE TABLE IF NOT EXISTS versions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        room TEXT NOT NULL,
        id TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        by_names TEXT NOT NULL,
        state BLOB NOT NULL,
        UNIQUE (room, id)
      );
      CREATE TABLE IF NOT EXISTS room_defaults (
        room TEXT PRIMARY KEY,
        data TEXT NOT NULL
      );
    `);
    this.statements = {
      createRoom: this.db.prepare('INSERT INTO rooms (id, created_at) VALUES (?, ?)'),
      getRoom: this.db.prepare<[string], { id: string; created_at: number; link_generation: number }>(
        'SELECT id, created_at, link_generation FROM rooms WHERE id = ?',
      ),
      rotate: this.db.prepare('UPDATE rooms SET link_generation = link_generation + 1 WHERE id = ?'),
      snapshot: this.db.prepare<[string], { data: Buffer; upto_seq: number }>(
        'SELECT data, upto_seq FROM snapshots WHERE room = ?',
      ),
      updates: this.db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE room = ? AND seq > ? ORDER BY seq',
      ),
      maxSeq: this.db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM updates WHERE room = ?'),
      append: this.db.prepare('INSERT INTO updates (room, seq, data) VALUES (?, ?, ?)'),
      putSnapshot: this.db.prepare(
        'INSERT INTO snapshots (room, data, upto_seq) VALUES (?, ?, ?) ON CONFLICT(room) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq',
      ),
      dropUpdates: this.db.prepare('DELETE FROM updates WHERE room = ? AND seq <= ?'),
      saveVersion: this.db.prepare(
        'INSERT INTO versions (room, id, at, kind, label, by_names, state) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      listVersions: this.db.prepare<[string], VersionRow>(
        'SELECT id, at, kind, label, by_names FROM versions WHERE room = ? ORDER BY at DESC, seq DESC',
      ),
      loadVersion: this.db.prepare<[string, string], VersionRow & { state: Buffer }>(
        'SELECT id, at, kind, label, by_names, state FROM versions WHERE room = ? AND id = ?',
      ),
      deleteVersion: this.db.prepare('DELETE FROM versions WHERE room = ? AND id = ?'),
      roomDefaults: this.db.prepare<[string], { data: string }>('SELECT data FROM room_defaults WHERE room = ?'),
      saveRoomDefaults: this.db.prepare(
        'INSERT INTO room_defaults (room, data) VALUES (?, ?) ON CONFLICT(room) DO UPDATE SET data = excluded.data',
      ),
    };
  }

  async createRoom(id: string): Promise<RoomRecord> {
    const createdAt = Date.now();
    this.statements.createRoom.run(id, createdAt);
    return { id, createdAt, linkGeneration: 0 };
  }

  async getRoom(id: string): Promise<RoomRecord | null> {
    const row = this.statements.getRoom.get(id);
    return row ? { id: row.id, createdAt: row.created_at, linkGeneration: row.link_generation } : null;
  }

  async rotateLinks(id: string): Promise<RoomRecord> {
    this.statements.rotate.run(id);
    const room = await this.getRoom(id);
    if (!room) throw new Error(`rotateLinks: no room ${id}`);
    return room;
  }

  async loadDocument(id: string): Promise<StoredRoom> {
    const snapshot = this.statements.snapshot.get(id);
    const since = snapshot?.upto_seq ?? 0;
    const rows = this.statements.updates.all(id, since);
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      updates: rows.map((row) => new Uint8Array(row.data)),
      lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : since,
    };
  }

  /**
   * The last seq per room, so an append does not look it up with a query per flush. Only this process
   * writes the file (SQLite is the one-instance mode), so a cached value cannot go stale; a cached seq is
   * written only after its transaction committed.
   */
  private readonly seqs = new LRUCache<string, number>({ max: 10_000 });

  private lastSeq(id: string): number {
    const cached = this.seqs.get(id);
    if (cached !== undefined) return cached;
    return this.statements.maxSeq.get(id)?.seq ?? this.statements.snapshot.get(id)?.upto_seq ?? 0;
  }

  /**
   * Appends asked for in one turn of the event loop are written in one transaction at its end: rooms flush
   * on a shared beat (persistence-extension.ts), and one commit per beat costs far less than one per room.
   */
  appendUpdates(id: string, updates: Uint8Array[]): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.appends.length === 0) setImmediate(this.writeAppends);
      this.appends.push({ id, updates, resolve, reject });
    });
  }

  private readonly writeAppends = (): void => {
    const batch = this.appends.splice(0);
    let seqs: number[];
    try {
      seqs = this.db.transaction(() =>
        batch.map(({ id, updates }) => {
          let last = this.lastSeq(id);
          for (const update of updates) this.statements.append.run(id, ++last, update);
          this.seqs.set(id, last);
          return last;
        }),
      )();
    } catch (error) {
      // Rolled back: the cached seqs of this batch are ahead of the file.
      for (const { id, reject } of batch) {
        this.seqs.delete(id);
        reject(error);
      }
      return;
    }
    batch.forEach(({ resolve }, i) => resolve(seqs[i]!));
  };

  async compact(id: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.statements.putSnapshot.run(id, snapshot, uptoSeq);
      this.statements.dropUpdates.run(id, uptoSeq);
    })();
  }

  async saveVersion(id: string, version: StoredVersion): Promise<void> {
    const { id: versionId, at, kind, label, by, state } = version;
    this.statements.saveVersion.run(id, versionId, at, kind, label, JSON.stringify(by), state);
  }

  async listVersions(id: string): Promise<VersionMeta[]> {
    return this.statements.listVersions.all(id).map(toMeta);
  }

  async loadVersion(id: string, versionId: string): Promise<StoredVersion | null> {
    const row = this.statements.loadVersion.get(id, versionId);
    return row ? { ...toMeta(row), state: new Uint8Array(row.state) } : null;
  }

  async deleteVersions(id: string, versionIds: string[]): Promise<void> {
    this.db.transaction(() => versionIds.forEach((versionId) => this.statements.deleteVersion.run(id, versionId)))();
  }

  async loadRoomDefaults(id: string): Promise<RoomDefaults> {
    const row = this.statements.roomDefaults.get(id);
    return row ? parseRoomDefaults(JSON.parse(row.data)) : {};
  }

  async saveRoomDefaults(id: string, defaults: RoomDefaults): Promise<void> {
    this.statements.saveRoomDefaults.run(id, JSON.stringify(defaults));
  }

  async close(): Promise<void> {
    if (this.appends.length > 0) this.writeAppends();
    this.db.close();
  }
}

interface VersionRow {
  id: string;
  at: number;
  kind: string;
  label: string;
  by_names: string;
}

function toMeta(row: VersionRow): VersionMeta {
  return { id: row.id, at: row.at, kind: row.kind as VersionMeta['kind'], label: row.label, by: JSON.parse(row.by_names) as string[] };
}
