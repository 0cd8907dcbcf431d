import type { VersionMeta } from '../../lib/shared/protocol/history';
import type { RoomDefaults } from '../../lib/shared/protocol/room-defaults';
import type { RoomRecord, Storage, StoredRoom, StoredVersion } from '../../server/collab/storage/storage';

/**
 * Wraps a real storage and makes its writes fail while `failing` is set, the way a full disk, a
 * `SQLITE_BUSY` or a PostgreSQL outage does. Reads keep working so a test can look at what is on disk.
 */
export class FaultyStorage implements Storage {
  failing = false;
  /** Fails only compactions (appends still land), as a snapshot too large for the disk's free space does. */
  failingCompaction = false;
  failedWrites = 0;
  compactAttempts = 0;

  constructor(private readonly inner: Storage) {}

  /** Fails every write for `ms`, starting now. */
  failFor(ms: number): Promise<void> {
    this.failing = true;
    return new Promise((resolve) =>
      setTimeout(() => {
        this.failing = false;
        resolve();
      }, ms),
    );
  }

  private check(operation: string): void {
    if (!this.failing) return;
    this.failedWrites++;
    throw Object.assign(new Error(`${operation}: disk I/O error (injected)`), { code: 'SQLITE_IOERR' });
  }

  createRoom(id: string): Promise<RoomRecord> {
    return this.inner.createRoom(id);
  }
  getRoom(id: string): Promise<RoomRecord | null> {
    return this.inner.getRoom(id);
  }
  rotateLinks(id: string): Promise<RoomRecord> {
    return this.inner.rotateLinks(id);
  }
  loadDocument(id: string): Promise<StoredRoom> {
    return this.inner.loadDocument(id);
  }
  async appendUpdates(id: string, updates: Uint8Array[]): Promise<number> {
    this.check('appendUpdates');
    return this.inner.appendUpdates(id, updates);
  }
  async compact(id: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.compactAttempts++;
    this.check('compact');
    if (this.failingCompaction) throw new Error('compact: database or disk is full (injected)');
    return this.inner.compact(id, snapshot, uptoSeq);
  }
  async saveVersion(id: string, version: StoredVersion): Promise<void> {
    this.check('saveVersion');
    return this.inner.saveVersion(id, version);
  }
  listVersions(id: string): Promise<VersionMeta[]> {
    return this.inner.listVersions(id);
  }
  loadVersion(id: string, versionId: string): Promise<StoredVersion | null> {
    return this.inner.loadVersion(id, versionId);
  }
  async deleteVersions(id: string, versionIds: string[]): Promise<void> {
    this.check('deleteVersions');
    return this.inner.deleteVersions(id, versionIds);
  }
  loadRoomDefaults(id: string): Promise<RoomDefaults> {
    return this.inner.loadRoomDefaults(id);
  }
  async saveRoomDefaults(id: string, defaults: RoomDefaults): Promise<void> {
    this.check('saveRoomDefaults');
    return this.inner.saveRoomDefaults(id, defaults);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
