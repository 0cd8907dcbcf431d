import * as Y from 'yjs';
import { SERVER_WRITTEN_ROOTS } from '../../../lib/shared/document/document-shape';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import { encodeDeletions, encodeStructs, type Deletions } from '../core/encode-structs';
import type { Extension, HookPayloads, Salvage } from '../core/hooks';
import type { Container, UpdateStructs } from '../core/update-structs';

/** A container chain longer than this is not followed (the document model nests three deep). */
const MAX_DEPTH = 32;

/**
 * Refuses a client update that touches a structure only the server writes (SERVER_WRITTEN_ROOTS, e.g.
 * Spark's proposals): a new item anywhere under it, or a deletion of anything already there. Writes
 * made inside the server (Spark) and updates replicated from other instances do not come through here.
 * An update that only repeats items the room already has changes nothing and passes.
 *
 * The server relays its own writes within the durability window, before storage has them, so after a
 * crash a reconnecting browser's sync answer holds them along with its own edits. That answer is salvaged
 * rather than refused: what it would add under these roots becomes garbage-collected structs of the same
 * ids (the sender's later structs, and everything else building on that client's clocks, still integrate;
 * nothing is left parked waiting for them), and its deletions there are left out. The server cannot tell
 * its lost writes from forged ones, since anyone can use any client id, so neither is ever applied: a
 * lost proposal is gone for everyone, the browsers that still show it included. A lost change to a
 * proposal storage did hold (its status, a hunk's state) cannot be taken back in the browser that saw it:
 * Yjs has no undelete, so there the field reads as missing and readers skip that entry.
 */
export class ServerWrittenExtension implements Extension {
  readonly name = 'server-written';
  readonly priority = 7;

  onBeforeUpdate({ room, structs }: HookPayloads['onBeforeUpdate']): RefusalReason | undefined {
    const doc = room.doc;
    for (const item of structs.items) if (isNewUnderServerRoot(doc, structs, item)) return 'BAD_DOCUMENT_ENTRY';
    if (!hasServerWrittenContent(doc)) return undefined;
    for (const [client, ranges] of structs.ds.clients) {
      for (const range of ranges) if (!protectedSpans(doc, client, range).next().done) return 'BAD_DOCUMENT_ENTRY';
    }
    return undefined;
  }

  onSalvage({ room, structs }: HookPayloads['onBeforeUpdate']): Salvage | undefined {
    const doc = room.doc;
    const taken = new Set(structs.items.filter((item) => isNewUnderServerRoot(doc, structs, item)));
    const { kept, leftOut } = hasServerWrittenContent(doc) ? unprotectedDeletions(doc, structs.ds) : { kept: structs.ds.clients, leftOut: false };
    if (taken.size === 0 && !leftOut) return undefined;
    const clients = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
    for (const [client, list] of structs.byClient) {
      clients.set(client, list.map((struct) => (struct instanceof Y.Item && taken.has(struct) ? new Y.GC(struct.id, struct.length) : struct)));
    }
    const update = encodeStructs(clients, kept);
    if (!update) return undefined;
    const dropped: Deletions = new Map();
    for (const item of taken) {
      // Only the part the room did not have: an item's first clocks may already be there.
      const from = Math.max(item.id.clock, Y.getState(doc.store, item.id.client));
      let ranges = dropped.get(item.id.client);
      if (!ranges) dropped.set(item.id.client, (ranges = []));
      ranges.push({ clock: from, len: item.id.clock + item.length - from });
    }
    return { update, dropped: taken.size > 0 ? encodeDeletions(dropped) : null };
  }
}

/** Whether an item of an update is new to the room and lands under a server-written root. */
function isNewUnderServerRoot(doc: Y.Doc, structs: UpdateStructs, item: Y.Item): boolean {
  return item.id.clock + item.length > Y.getState(doc.store, item.id.client) && underServerRoot(structs, item);
}

/** The spans of one deleted range, in clock order, that would delete something the room holds under a server-written root. */
function* protectedSpans(doc: Y.Doc, client: number, { clock, len }: { clock: number; len: number }): Generator<{ clock: number; len: number }> {
  const end = Math.min(clock + len, Y.getState(doc.store, client));
  for (let at = clock; at < end; ) {
    const struct = Y.getItem(doc.store, Y.createID(client, at)) as Y.Item | Y.GC;
    const next = Math.min(struct.id.clock + struct.length, end);
    if (struct instanceof Y.Item && !struct.deleted && inServerRoot(doc, struct)) yield { clock: at, len: next - at };
    at = next;
  }
}

/** An update's deletions less their protected spans, and whether there were any. */
function unprotectedDeletions(doc: Y.Doc, ds: UpdateStructs['ds']): { kept: Deletions; leftOut: boolean } {
  const kept: Deletions = new Map();
  let leftOut = false;
  for (const [client, ranges] of ds.clients) {
    const out: Array<{ clock: number; len: number }> = [];
    for (const range of ranges) {
      let from = range.clock;
      for (const span of protectedSpans(doc, client, range)) {
        leftOut = true;
        if (span.clock > from) out.push({ clock: from, len: span.clock - from });
        from = span.clock + span.len;
      }
      if (range.clock + range.len > from) out.push({ clock: from, len: range.clock + range.len - from });
    }
    kept.set(client, out);
  }
  return { kept, leftOut };
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
