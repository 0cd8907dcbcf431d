import * as Y from 'yjs';
import type { Logger } from 'pino';
import { Backoff } from '../core/backoff';
import type { Extension } from '../core/hooks';
import type { Room } from '../core/room';
import { applyStoredRoom, type Storage } from '../storage/storage';

/** Marks updates that came from storage, so they are not written back. */
export const FROM_STORAGE = Symbol('from-storage');

/** Thrown by onUnloadDocument while a room still has writes storage did not take: the room stays loaded. */
export class UnsavedWritesError extends Error {
  constructor(roomId: string) {
    super(`room ${roomId} has writes that are not stored yet`);
  }
}

interface RoomWrites {
  pending: Uint8Array[];
  timer: NodeJS.Timeout | null;
  /** Appends since the last snapshot (each one flush's rows). */
  sinceSnapshot: number;
  lastSeq: number;
  /** Serialises flushes of one room so appends land in order. */
  chain: Promise<void>;
  /** Failed appends: the pending batch is retried after a growing wait. */
  append: Backoff;
  /** Failed compactions: the next one waits, so a failing disk is not handed the whole document per flush. */
  compaction: Backoff;
  compactNotBefore: number;
}

export interface StorageCounters {
  storageFailed(operation: 'append' | 'compact'): void;
}

export interface PersistenceOptions {
  storage: Storage;
  durabilityWindowMs: number;
  compactAfterUpdates: number;
  retryInitialMs: number;
  retryMaxMs: number;
  logger: Logger;
  counters?: StorageCounters;
}

export interface StorageStatus {
  state: 'ok' | 'failing';
  /** Rooms holding edits that storage refused and that are waiting for a retry. */
  unsavedRooms: number;
  /** When the oldest unsaved write first failed (ms since epoch). */
  failingSince: number | null;
}

/**
 * Appends every document update to storage within `durabilityWindowMs` (a row per update, a room's rows of
 * one flush written together: merging them into one row first cost more CPU than the rows did),
 * and compacts a room to a single snapshot after `compactAfterUpdates` appends and when it unloads.
 * A failed append keeps its batch and is retried with backoff; while a room has unsaved writes it refuses
 * to unload, so an accepted edit is never dropped with its room. The document is only ever rebuilt from
 * Yjs updates, never from plain text, so reconnecting clients merge without duplicating anything.
 */
export class PersistenceExtension implements Extension {
  readonly name = 'persistence';
  readonly priority = 10;
  private readonly writes = new Map<string, RoomWrites>();
  /**
   * Rooms with new updates, flushed together at the end of one shared window: their appends reach storage
   * in the same turn (one SQLite transaction for all of them) instead of one timer and commit per room.
   */
  private readonly due = new Map<string, Room>();
  private beat: NodeJS.Timeout | null = null;

  constructor(private readonly options: PersistenceOptions) {}

  status(): StorageStatus {
    let unsavedRooms = 0;
    let failingSince: number | null = null;
    for (const writes of this.writes.values()) {
      if (!writes.append.failing) continue;
      unsavedRooms++;
      failingSince = Math.min(failingSince ?? Infinity, writes.append.failingSince ?? Infinity);
    }
    return { state: unsavedRooms > 0 ? 'failing' : 'ok', unsavedRooms, failingSince };
  }

  async onLoadDocument({ room }: { room: Room }): Promise<void> {
    const stored = await this.options.storage.loadDocument(room.id);
    applyStoredRoom(room.doc, stored, FROM_STORAGE);
    const { retryInitialMs, retryMaxMs } = this.options;
    this.writes.set(room.id, {
      pending: [],
      timer: null,
      sinceSnapshot: stored.updates.length,
      lastSeq: stored.lastSeq,
      chain: Promise.resolve(),
      append: new Backoff(retryInitialMs, retryMaxMs),
      compaction: new Backoff(retryInitialMs, retryMaxMs),
      compactNotBefore: 0,
    });
  }

  onChange({ room, update, origin }: { room: Room; update: Uint8Array; origin: unknown }): void {
    if (origin === FROM_STORAGE) return;
    const writes = this.writes.get(room.id);
    if (!writes) return;
    writes.pending.push(update);
    // A room waiting out a failed append is flushed by its retry timer.
    if (writes.timer) return;
    this.due.set(room.id, room);
    this.beat ??= setTimeout(this.flushDue, this.options.durabilityWindowMs);
  }

  private readonly flushDue = (): void => {
    this.beat = null;
    const rooms = [...this.due.values()];
    this.due.clear();
    for (const room of rooms) void this.flush(room);
  };

  async onUnloadDocument({ room }: { room: Room }): Promise<void> {
    await this.flush(room);
    const writes = this.writes.get(room.id);
    if (!writes) return;
    if (writes.pending.length > 0) throw new UnsavedWritesError(room.id);
    if (writes.sinceSnapshot > 0) await this.compact(room, writes);
    if (room.isIdle) {
      if (writes.timer) clearTimeout(writes.timer);
      this.writes.delete(room.id);
    }
  }

  /** Writes what is pending for a room; resolves once it is stored or the attempt failed (then it retries). */
  flush(room: Room): Promise<void> {
    const writes = this.writes.get(room.id);
    if (!writes) return Promise.resolve();
    if (writes.timer) clearTimeout(writes.timer);
    writes.timer = null;
    this.due.delete(room.id);
    const batch = writes.pending.splice(0);
    writes.chain = writes.chain.then(async () => {
      if (batch.length === 0) return;
      try {
        writes.lastSeq = await this.options.storage.appendUpdates(room.id, batch);
      } catch (error) {
        // Keep the batch, ahead of anything newer, and try again after a growing wait.
        writes.pending.unshift(...batch);
        const delay = writes.append.fail();
        this.options.counters?.storageFailed('append');
        this.options.logger.error({ err: error, room: room.id, retryInMs: delay }, 'persisting updates failed');
        if (this.writes.get(room.id) === writes) writes.timer ??= setTimeout(() => void this.flush(room), delay);
        return;
      }
      if (writes.append.failing) this.options.logger.info({ room: room.id }, 'unsaved updates stored');
      writes.append.succeed();
      // Counted per append, not per row: a run of small updates (Spark typing a long edit) must not make a
      // large document compact many times as often.
      writes.sinceSnapshot++;
      if (writes.sinceSnapshot >= this.options.compactAfterUpdates) await this.compact(room, writes);
    });
    return writes.chain;
  }

  /** Compacts when the last failure's wait is over; a failure only delays it (the updates are stored). */
  private async compact(room: Room, writes: RoomWrites): Promise<void> {
    if (Date.now() < writes.compactNotBefore) return;
    // Everything up to lastSeq is already in the in-memory doc, so its state is a valid snapshot for it.
    const snapshot = Y.encodeStateAsUpdate(room.doc);
    try {
      await this.options.storage.compact(room.id, snapshot, writes.lastSeq);
    } catch (error) {
      const delay = writes.compaction.fail();
      writes.compactNotBefore = Date.now() + delay;
      this.options.counters?.storageFailed('compact');
      this.options.logger.error({ err: error, room: room.id, retryInMs: delay }, 'compaction failed');
      return;
    }
    writes.compaction.succeed();
    writes.sinceSnapshot = 0;
    room.updateBytes = snapshot.byteLength;
  }
}
