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
  close(): Promise<void>;
}
