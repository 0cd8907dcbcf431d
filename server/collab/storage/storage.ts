// server/collab/storage/: where rooms and documents live: the Storage interface (this file), its SQLite and
// PostgreSQL implementations and the share links of a room.

import * as Y from 'yjs';
import type { VersionMeta } from '../../../lib/shared/protocol/history';
import type { RoomDefaults } from '../../../lib/shared/protocol/room-defaults';

/** A room's persisted state: the latest snapshot plus the updates appended after it. */
export interface StoredRoom {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last update included; compaction removes updates up to it. */
  lastSeq: number;
}

export interface RoomRecord {
  id: string;
  createdAt: number;
  /** Share-link generation; rotating links bumps it. */
  linkGeneration: number;
}

/**
 * Applies a stored room to a document: the snapshot, then the updates after it, in one transaction, so
 * observers see one change. Yjs skips what the document already has, so this also serves a reload.
 */
export function applyStoredRoom(doc: Y.Doc, stored: StoredRoom, origin: unknown): void {
  Y.transact(
    doc,
    () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    },
    origin,
  );
}

/**
 * A version of a room: its whole document as `Y.encodeStateAsUpdate` gave it at that moment. Versions sit
 * beside the document, never in it, so compaction (which folds the document's updates) never touches one.
 */
export interface StoredVersion extends VersionMeta {
  state: Uint8Array;
}

/**
 * Where documents live. One implementation per file (sqlite-storage.ts, postgres-storage.ts); both pass
 * the same contract suite in test/collab/storage-contract.ts.
 */
export interface Storage {
  createRoom(id: string): Promise<RoomRecord>;
  getRoom(id: string): Promise<RoomRecord | null>;
  rotateLinks(id: string): Promise<RoomRecord>;
  loadDocument(id: string): Promise<StoredRoom>;
  /** Appends updates in order, atomically; resolves to the seq of the last one. */
  appendUpdates(id: string, updates: Uint8Array[]): Promise<number>;
  /** Replaces the snapshot and drops updates with seq <= uptoSeq, atomically. */
  compact(id: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  saveVersion(id: string, version: StoredVersion): Promise<void>;
  /** A room's versions without their state, newest first. */
  listVersions(id: string): Promise<VersionMeta[]>;
  loadVersion(id: string, versionId: string): Promise<StoredVersion | null>;
  /** Retention: removes these versions of the room. */
  deleteVersions(id: string, versionIds: string[]): Promise<void>;
  /** The defaults the room's owner saved, {} when none (read leniently: see parseRoomDefaults). */
  loadRoomDefaults(id: string): Promise<RoomDefaults>;
  saveRoomDefaults(id: string, defaults: RoomDefaults): Promise<void>;
  close(): Promise<void>;
}
