import * as Y from 'yjs';

/** What holds an item: a top-level type, by name, or the shared type inside another item. */
export type Container = { root: string } | { item: Y.Item };

/**
 * Where an item of an update goes, found without applying it:
 * - `placed`: in `container`, under `key` for a map entry (null for a sequence element);
 * - `missing`: it builds on structs neither the update nor the document has yet, so Yjs parks it;
 * - `dropped`: its parent was deleted and collected, so Yjs integrates it as deleted (it carries nothing).
 */
export type Placement = { kind: 'placed'; container: Container; key: string | null } | { kind: 'missing' } | { kind: 'dropped' };

/** A shared type of whatever kind (Y.AbstractType's parameter is its event type). */
type SharedType = Y.AbstractType<any>;
type ParentRef = string | Y.ID | SharedType | null;

/** An origin chain longer than this is not followed (one hop per overwrite of a map key in one update). */
const MAX_ORIGIN_HOPS = 256;

/**
 * An encoded update decoded once, with each item's place in the document resolved against the update
 * itself and then the document. An item that continues a sequence or overwrites a map key omits its
 * parent in the encoding (it is implied by its origin), so origins are followed until one states it.
 */
export class UpdateStructs {
  readonly items: Y.Item[] = [];
  readonly ds: ReturnType<typeof Y.decodeUpdate>['ds'];
  /** Every struct of the update by client, in clock order. */
  readonly byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
  private readonly placements = new Map<Y.Item, Placement>();
  private rootNames: Map<SharedType, string> | null = null;

  constructor(
    readonly doc: Y.Doc,
    readonly update: Uint8Array,
  ) {
    const { structs, ds } = Y.decodeUpdate(update);
    this.ds = ds;
    for (const struct of structs) {
      if (struct instanceof Y.Item) this.items.push(struct);
      let list = this.byClient.get(struct.id.client);
      if (!list) this.byClient.set(struct.id.client, (list = []));
      list.push(struct);
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  placement(item: Y.Item): Placement {
    let placement = this.placements.get(item);
    if (!placement) {
      placement = this.resolve(item);
      this.placements.set(item, placement);
    }
    return placement;
  }

  /** The struct that holds `id`, from the update first, then the document; null when neither has it. */
  find(id: Y.ID): Y.Item | Y.GC | null {
    const inUpdate = this.findInUpdate(id);
    if (inUpdate) return inUpdate;
    if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
    const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
    return struct;
  }

  private resolve(item: Y.Item): Placement {
    let current: Y.Item = item;
    for (let hops = 0; hops < MAX_ORIGIN_HOPS; hops++) {
      const parent = current.parent as ParentRef;
      if (parent !== null) return this.containerOf(parent, current.parentSub);
      const origin: Y.ID | null = current.origin ?? current.rightOrigin;
      if (!origin) return { kind: 'dropped' };
      const next = this.find(origin);
      if (next === null) return { kind: 'missing' };
      if (!(next instanceof Y.Item)) return { kind: 'dropped' };
      current = next;
    }
    return { kind: 'missing' };
  }

  private containerOf(parent: Exclude<ParentRef, null>, key: string | null): Placement {
    if (typeof parent === 'string') return { kind: 'placed', container: { root: parent }, key };
    if (parent instanceof Y.AbstractType) {
      if (parent._item) return { kind: 'placed', container: { item: parent._item }, key };
      const name = this.rootNameOf(parent);
      return name === null ? { kind: 'dropped' } : { kind: 'placed', container: { root: name }, key };
    }
    const holder = this.find(parent);
    if (holder === null) return { kind: 'missing' };
    if (!(holder instanceof Y.Item)) return { kind: 'dropped' };
    return { kind: 'placed', container: { item: holder }, key };
  }

  private findInUpdate(id: Y.ID): Y.Item | Y.GC | null {
    const list = this.byClient.get(id.client);
    if (!list) return null;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = list[mid]!;
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct instanceof Y.Skip ? null : struct;
    }
    return null;
  }

  private rootNameOf(type: SharedType): string | null {
    if (!this.rootNames) {
      this.rootNames = new Map();
      for (const [name, shared] of this.doc.share) this.rootNames.set(shared, name);
    }
    return this.rootNames.get(type) ?? null;
  }
}
