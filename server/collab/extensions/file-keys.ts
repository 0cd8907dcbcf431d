import * as Y from 'yjs';
import { FILES_KEY } from '../../../lib/shared/document/doc-model';

export interface FileKeyChanges {
  /** Keys of the `files` map the update writes (new files, renames' targets, overwrites). */
  written: string[];
  /** Existing keys whose current entry the update deletes. */
  deleted: string[];
}

type ParentRef = string | Y.ID | Y.AbstractType<unknown> | null;

/**
 * Which file paths an update creates and deletes, read from the encoded update without applying it.
 * An entry that overwrites an earlier one of the same key omits its parent in the encoding (it is
 * implied by its origin), so origins are resolved against the update itself and then the document.
 */
export function fileKeyChanges(doc: Y.Doc, update: Uint8Array): FileKeyChanges {
  const { structs, ds } = Y.decodeUpdate(update);
  const inUpdate = new Map<string, Y.Item>();
  for (const struct of structs) {
    if (struct instanceof Y.Item) inUpdate.set(idKey(struct.id), struct);
  }
  const files = doc.share.get(FILES_KEY) as Y.AbstractType<unknown> | undefined;
  const written: string[] = [];
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const key = mapKeyOf(struct, doc, files, inUpdate);
    if (key !== null) written.push(key);
  }
  const deleted: string[] = [];
  if (files) {
    const entries = (files as unknown as { _map: Map<string, Y.Item> })._map;
    for (const [key, item] of entries) {
      if (!item.deleted && Y.isDeleted(ds, item.id)) deleted.push(key);
    }
  }
  return { written, deleted };
}

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;

function mapKeyOf(
  item: Y.Item,
  doc: Y.Doc,
  files: Y.AbstractType<unknown> | undefined,
  inUpdate: Map<string, Y.Item>,
): string | null {
  let current: Y.Item | null = item;
  // Follow origins until an item states its parent; the chain is short (one step per overwrite).
  for (let hops = 0; current && hops < 64; hops++) {
    const parent = current.parent as ParentRef;
    if (parent !== null) {
      const isFiles = parent === FILES_KEY || (files !== undefined && parent === files);
      return isFiles && current.parentSub !== null ? current.parentSub : null;
    }
    const origin: Y.ID | null = current.origin ?? current.rightOrigin;
    if (!origin) return null;
    current = inUpdate.get(idKey(origin)) ?? findInDoc(doc, origin);
  }
  return null;
}

function findInDoc(doc: Y.Doc, id: Y.ID): Y.Item | null {
  try {
    const struct = Y.getItem(doc.store, id);
    return struct instanceof Y.Item ? struct : null;
  } catch {
    return null; // Not known yet: Yjs keeps such updates pending, they carry no new key we can see.
  }
}
