import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Extension } from '../core/hooks';
import type { Room } from '../core/room';
import type { Storage } from '../storage/storage';

/** Marks updates that came from storage, so they are not written back. */
export const FROM_STORAGE = Symbol('from-storage');

interface RoomWrites {
  pending: Uint8Array[];
  timer: NodeJS.Timeout | null;
  /** Updates appended since the last snapshot. */
  sinceSnapshot: number;
  lastSeq: number;
  /** Serialises flushes of one room so appends land in order. */
  chain: Promise<void>;
}

export interface PersistenceOptions {
  storage: Storage;
  durabilityWindowMs: number;
  compactAfterUpdates: number;
  logger: Logger;
}

/**
 * Appends every document update to storage within `durabilityWindowMs` (merged into one row per flush),
 * and compacts a room to a single snapshot after `compactAfterUpdates` rows and when it unloads.
 * The document is only ever rebuilt from Yjs updates, never from plain text, so reconnecting clients
 * merge without duplicating anything.
 */
export class PersistenceExtension implements Extension {
  readonly name = 'persistence';
  readonly priority = 10;
  private readonly writes = new Map<string, RoomWrites>();

  constructor(private readonly options: PersistenceOptions) {}

  async onLoadDocument({ room }: { room: Room }): Promise<void> {
    const stored = await this.options.storage.loadDocument(room.id);
    Y.transact(
      room.doc,
      () => {
        if (stored.snapshot) Y.applyUpdate(room.doc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(room.doc, update);
      },
      FROM_STORAGE,
    );
    this.writes.set(room.id, {
      pending: [],
      timer: null,
      sinceSnapshot: stored.updates.length,
      lastSeq: stored.lastSeq,
      chain: Promise.resolve(),
    });
  }

  onChange({ room, update, origin }: { room: Room; update: Uint8Array; origin: unknown }): void {
    if (origin === FROM_STORAGE) return;
    const writes = this.writes.get(room.id);
    if (!writes) return;
    writes.pending.push(update);
    writes.timer ??= setTimeout(() => void this.flush(room), this.options.durabilityWindowMs);
  }

  async onUnloadDocument({ room }: { room: Room }): Promise<void> {
    await this.flush(room);
    const writes = this.writes.get(room.id);
    if (writes && writes.sinceSnapshot > 0) await this.compact(room, writes);
    if (room.isIdle) this.writes.delete(room.id);
  }

  /** Writes what is pending for a room; resolves once it is on disk. */
  flush(room: Room): Promise<void> {
    const writes = this.writes.get(room.id);
    if (!writes) return Promise.resolve();
    if (writes.timer) clearTimeout(writes.timer);
    writes.timer = null;
    const batch = writes.pending.splice(0);
    writes.chain = writes.chain.then(async () => {
      if (batch.length === 0) return;
      try {
        writes.lastSeq = await this.options.storage.appendUpdates(room.id, [Y.mergeUpdates(batch)]);
        writes.sinceSnapshot++;
        if (writes.sinceSnapshot >= this.options.compactAfterUpdates) await this.compact(room, writes);
      } catch (error) {
        // Keep the batch for the next flush rather than lose it.
        writes.pending.unshift(...batch);
        this.options.logger.error({ err: error, room: room.id }, 'persisting updates failed');
      }
    });
    return writes.chain;
  }

  private async compact(room: Room, writes: RoomWrites): Promise<void> {
    // Everything up to lastSeq is already in the in-memory doc, so its state is a valid snapshot for it.
    const snapshot = Y.encodeStateAsUpdate(room.doc);
    await this.options.storage.compact(room.id, snapshot, writes.lastSeq);
    writes.sinceSnapshot = 0;
    room.updateBytes = snapshot.byteLength;
  }
}
