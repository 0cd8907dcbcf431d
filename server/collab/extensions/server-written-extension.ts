import * as Y from 'yjs';
import { SERVER_WRITTEN_ROOTS } from '../../../lib/shared/document/document-shape';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { Extension, HookPayloads } from '../core/hooks';
import type { Container, UpdateStructs } from '../core/update-structs';

/** A container chain longer than this is not followed (the document model nests three deep). */
const MAX_DEPTH = 32;

/**
 * Refuses a client update that touches a structure only the server writes (SERVER_WRITTEN_ROOTS, e.g.
 * Spark's proposals): a new item anywhere under it, or a deletion of anything already there. Writes
 * made inside the server (Spark) and updates replicated from other instances do not come through here.
 * An update that only repeats items the room already has changes nothing and passes.
 */
export class ServerWrittenExtension implements Extension {
  readonly name = 'server-written';
  readonly priority = 7;

  onBeforeUpdate({ room, structs }: HookPayloads['onBeforeUpdate']): RefusalReason | undefined {
    const doc = room.doc;
    for (const item of structs.items) {
      if (item.id.clock + item.length <= Y.getState(doc.store, item.id.client)) continue;
      if (underServerRoot(structs, item)) return 'BAD_DOCUMENT_ENTRY';
    }
    if (!hasServerWrittenContent(doc)) return undefined;
    for (const [client, ranges] of structs.ds.clients) {
      const known = Y.getState(doc.store, client);
      for (const { clock, len } of ranges) {
        for (let at = clock; at < Math.min(clock + len, known); ) {
          const struct = Y.getItem(doc.store, Y.createID(client, at)) as Y.Item | Y.GC;
          if (struct instanceof Y.Item && !struct.deleted && inServerRoot(doc, struct)) return 'BAD_DOCUMENT_ENTRY';
          at = struct.id.clock + struct.length;
        }
      }
    }
    return undefined;
  }
}

/** Whether a new item of the update lands under a server-written root, following its containers up. */
function underServerRoot(structs: UpdateStructs, item: Y.Item): boolean {
  let current: Y.Item = item;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const placement = structs.placement(current);
    if (placement.kind !== 'placed') return false; // parked (vetted again when it lands) or dropped
    const container: Container = placement.container;
    if ('root' in container) return SERVER_WRITTEN_ROOTS.has(container.root);
    current = container.item;
  }
  return true;
}

/** Whether an item already in the document sits under a server-written root. */
function inServerRoot(doc: Y.Doc, item: Y.Item): boolean {
  let parent = item.parent as Y.AbstractType<unknown> | null;
  for (let depth = 0; depth < MAX_DEPTH && parent; depth++) {
    if (!parent._item) {
      for (const name of SERVER_WRITTEN_ROOTS) if (doc.share.get(name) === parent) return true;
      return false;
    }
    parent = parent._item.parent as Y.AbstractType<unknown> | null;
  }
  return false;
}

/** Nothing to protect from deletion while no server-written root holds anything. */
function hasServerWrittenContent(doc: Y.Doc): boolean {
  for (const name of SERVER_WRITTEN_ROOTS) {
    const type = doc.share.get(name);
    if (type && (type._start !== null || type._map.size > 0)) return true;
  }
  return false;
}
