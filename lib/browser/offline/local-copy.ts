// lib/browser/offline/: a session that survives a closed tab with no network: the document kept in
// IndexedDB per room (local-copy.ts, the entry point), whether it holds edits the server has not seen,
// and the service worker that keeps the app shell so the link opens offline.

import type * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';

/** One database per room, so clearing one room's copy never touches another's. */
export const localCopyName = (room: string) => `sparkpad.room.${room}`;

/**
 * This browser's copy of a room's document in IndexedDB (y-indexeddb): every update, local or from the
 * server, is appended as it happens, and the copy is merged into the document when the page opens, so
 * edits made offline are there after the tab closed and reach the server when the socket syncs. Yjs
 * merges the copy with the server's state like any other peer's, never duplicating text.
 */
export class LocalCopy {
  private readonly persistence: IndexeddbPersistence;
  /** Resolves once the stored copy has been merged into the document. */
  readonly loaded: Promise<void>;

  constructor(
    private readonly room: string,
    doc: Y.Doc,
  ) {
    this.persistence = new IndexeddbPersistence(localCopyName(room), doc);
    this.loaded = this.persistence.whenSynced.then(() => undefined);
  }

  /** The origin the copy's own updates carry, so they are not mistaken for a person's edits. */
  get origin(): unknown {
    return this.persistence;
  }

  /**
   * Resolves when every update written so far is committed: a read transaction on the same store runs
   * only after the write transactions queued before it.
   */
  async stored(): Promise<void> {
    await this.loaded;
    const db = this.persistence.db;
    if (!db) return;
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction(['updates'], 'readonly');
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.objectStore('updates').count();
    });
  }

  /** Forgets the room here (its link no longer opens it): nothing of it stays in this browser. */
  async clear(): Promise<void> {
    await this.persistence.clearData();
  }

  destroy(): void {
    void this.persistence.destroy();
  }

  toString(): string {
    return `LocalCopy(${this.room})`;
  }
}
