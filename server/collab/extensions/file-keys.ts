import * as Y from 'yjs';
import { FILES_KEY } from '../../../lib/shared/document/doc-model';
import type { UpdateStructs } from '../core/update-structs';

export interface FileKeyChanges {
  /** Keys of the `files` map the update writes (new files, renames' targets, overwrites). */
  written: string[];
  /** Existing keys whose current entry the update deletes. */
  deleted: string[];
}

/** Which file paths an update creates and deletes, read from its structs without applying it. */
export function fileKeyChanges(structs: UpdateStructs): FileKeyChanges {
  const written: string[] = [];
  for (const item of structs.items) {
    const placement = structs.placement(item);
    if (placement.kind !== 'placed' || placement.key === null) continue;
    if ('root' in placement.container && placement.container.root === FILES_KEY) written.push(placement.key);
  }
  const deleted: string[] = [];
  const files = structs.doc.share.get(FILES_KEY) as Y.AbstractType<unknown> | undefined;
  if (files) {
    const entries = (files as unknown as { _map: Map<string, Y.Item> })._map;
    for (const [key, item] of entries) {
      if (!item.deleted && Y.isDeleted(structs.ds, item.id)) deleted.push(key);
    }
  }
  return { written, deleted };
}
