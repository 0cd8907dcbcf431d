import * as Y from 'yjs';
import { filesOf } from '../../lib/shared/document/doc-model';
import { SqliteStorage } from '../../server/collab/storage/sqlite-storage';
import { applyStoredRoom, type Storage, type StoredRoom } from '../../server/collab/storage/storage';

/** The document a stored room rebuilds into, the way the server loads it. */
export function storedDoc(stored: StoredRoom): Y.Doc {
  const doc = new Y.Doc();
  applyStoredRoom(doc, stored, null);
  return doc;
}

/** The text of one file of a room as a storage holds it (snapshot plus the updates after it). */
export async function storedFileText(storage: Storage, room: string, path = 'main.ts'): Promise<string> {
  return filesOf(storedDoc(await storage.loadDocument(room))).get(path)?.toString() ?? '';
}

/** The text of one file of a room in a server's SQLite data dir, read through a connection of its own. */
export async function textOnDisk(dataDir: string, room: string, path = 'main.ts'): Promise<string> {
  const storage = new SqliteStorage(dataDir);
  return storedFileText(storage, room, path).finally(() => storage.close());
}

/**
 * Resolves once a room's file in a server's SQLite data dir reads `text`: the server has committed it, so
 * a crash from then on cannot lose it.
 */
export async function whenOnDisk(dataDir: string, room: string, text: string, path = 'main.ts'): Promise<void> {
  // The server writes on its own connection to the file, with nothing to tell this one: look again shortly.
  while ((await textOnDisk(dataDir, room, path)) !== text) await new Promise((resolve) => setTimeout(resolve, 5));
}
