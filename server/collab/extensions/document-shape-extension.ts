import * as Y from 'yjs';
import { DOCUMENT_SHAPE, type EntryShape } from '../../../lib/shared/document/document-shape';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { Extension, HookPayloads } from '../core/hooks';
import type { Container, UpdateStructs } from '../core/update-structs';

/** Where an item may go: an entry of some shape, a character of a text, or nowhere. */
type Slot = EntryShape | { kind: 'chars' } | null;
/** What a container is, once its own place was checked; `dropped` when Yjs would discard what goes in it. */
type ContainerShape = EntryShape | { kind: 'dropped' } | { kind: 'missing' } | null;

/**
 * Refuses client updates that would put into the document anything the document model
 * (lib/shared/document/document-shape.ts) does not describe: an unknown top-level structure, a file that
 * is not a Y.Text, a run or chat field that fails its schema, embeds or formatting inside text. Every item
 * of the update is checked where it would land, before anything is applied; an item that builds on
 * structs not yet here is checked once they arrive (the room vets parked structs with each update).
 */
export class DocumentShapeExtension implements Extension {
  readonly name = 'document-shape';
  readonly priority = 6;

  onBeforeUpdate({ structs }: HookPayloads['onBeforeUpdate']): RefusalReason | undefined {
    return new ShapeCheck(structs).allFit() ? undefined : 'BAD_DOCUMENT_ENTRY';
  }

  /** Entries Spark adds (chat messages) are held to the same description, as plain values. */
  onBeforeWrite({ write }: HookPayloads['onBeforeWrite']): RefusalReason | undefined {
    const fits = (write.entries ?? []).every(({ root, value }) => {
      const container = DOCUMENT_SHAPE[root];
      return (container?.kind === 'array' || container?.kind === 'map') && valueFits(container.entry, value);
    });
    return fits ? undefined : 'BAD_DOCUMENT_ENTRY';
  }
}

/** A plain value as it will be written: strings become Y.Text, objects Y.Map, arrays Y.Array. */
function valueFits(shape: EntryShape, value: unknown): boolean {
  switch (shape.kind) {
    case 'text':
      return typeof value === 'string';
    case 'json':
      return shape.schema.safeParse(value).success;
    case 'array':
      return Array.isArray(value) && value.every((item) => valueFits(shape.entry, item));
    case 'map':
    case 'record':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      return Object.entries(value).every(([key, item]) => {
        const field = shape.kind === 'map' ? shape.entry : Object.hasOwn(shape.fields, key) ? shape.fields[key]! : null;
        return field !== null && valueFits(field, item);
      });
  }
}

class ShapeCheck {
  private readonly containers = new Map<Y.Item, ContainerShape>();

  constructor(private readonly structs: UpdateStructs) {}

  allFit(): boolean {
    return this.structs.items.every((item) => this.fits(item));
  }

  private fits(item: Y.Item): boolean {
    const placement = this.structs.placement(item);
    if (placement.kind !== 'placed') return true; // parked or discarded by Yjs: nothing lands
    const container = this.shapeOfContainer(placement.container);
    if (container === null) return false;
    if (container.kind === 'dropped' || container.kind === 'missing') return true;
    return contentFits(slotIn(container, placement.key), item.content);
  }

  private shapeOfContainer(container: Container): ContainerShape {
    if ('root' in container) return DOCUMENT_SHAPE[container.root] ?? null;
    const holder = container.item;
    let shape = this.containers.get(holder);
    if (shape === undefined) {
      shape = this.shapeOfHolder(holder);
      this.containers.set(holder, shape);
    }
    return shape;
  }

  /** The shape of the type an item holds: what its own place says, if it holds the right kind of type. */
  private shapeOfHolder(holder: Y.Item): ContainerShape {
    if (!(holder.content instanceof Y.ContentType)) return { kind: 'dropped' };
    const placement = this.structs.placement(holder);
    if (placement.kind !== 'placed') return placement;
    const outer = this.shapeOfContainer(placement.container);
    if (outer === null) return null;
    if (outer.kind === 'dropped' || outer.kind === 'missing') return outer;
    const slot = slotIn(outer, placement.key);
    return slot !== null && slot.kind !== 'chars' && contentFits(slot, holder.content) ? slot : null;
  }
}

/** What may go into a container under a key (maps) or without one (sequences). */
function slotIn(container: EntryShape, key: string | null): Slot {
  switch (container.kind) {
    case 'text':
      return key === null ? { kind: 'chars' } : null;
    case 'map':
      return key !== null ? container.entry : null;
    case 'record':
      return key !== null && Object.hasOwn(container.fields, key) ? container.fields[key]! : null;
    case 'array':
      return key === null ? container.entry : null;
    case 'json':
      return null;
  }
}

function contentFits(slot: Slot, content: Y.Item['content']): boolean {
  if (content instanceof Y.ContentDeleted) return true; // deleted content carries no data
  if (slot === null) return false;
  switch (slot.kind) {
    case 'chars':
      return content instanceof Y.ContentString;
    case 'text':
      return holdsType(content, Y.Text);
    case 'map':
    case 'record':
      return holdsType(content, Y.Map);
    case 'array':
      return holdsType(content, Y.Array);
    case 'json':
      return content instanceof Y.ContentAny && content.arr.every((value) => slot.schema.safeParse(value).success);
  }
}

/** Exactly this type: a Y.XmlText is a Y.Text subclass, and no reader expects one. */
function holdsType(content: Y.Item['content'], type: typeof Y.Text | typeof Y.Map | typeof Y.Array): boolean {
  return content instanceof Y.ContentType && content.type.constructor === type;
}
