import * as Y from 'yjs';
import { FILES_KEY } from '../../../lib/shared/document/doc-model';
import type { UpdateStructs } from '../core/update-structs';

/** Keys of the `files` map an update writes (new files, renames' targets, overwrites), read without applying it. */
export function writtenFileKeys(structs: UpdateStructs): string[] {
  const written: string[] = [];
  for (const item of structs.items) {
    const placement = structs.placement(item);
    if (placement.kind !== 'placed' || placement.key === null) continue;
    if ('root' in placement.container && placement.container.root === FILES_KEY) written.push(placement.key);
  }
  return written;
}

/** How many existing files an update deletes (their current entry); it looks at every file, so ask only when needed. */
export function deletedFileCount(structs: UpdateStructs): number {
  const files = structs.doc.share.get(FILES_KEY) as Y.AbstractType<unknown> | undefined;
  if (!files || structs.ds.clients.size === 0) return 0;
  let deleted = 0;
  const entries = (files as unknown as { _map: Map<string, Y.Item> })._map;
  for (const item of entries.values()) {
    if (!item.deleted && Y.isDeleted(structs.ds, item.id)) deleted++;
  }
  return deleted;
}
