/**
 * An upper bound of the bytes of the Yjs update a write of Spark's makes, known before it is made, so the
 * room's size limit can be checked first: each inserted piece's UTF-8 bytes, plus what an item's header
 * (ids, origins, parent, length) and a deletion's range can take at most, plus the update's own header.
 */
const ITEM_BYTES = 64;
const UPDATE_BYTES = 64;

export function writeBound(inserted: readonly string[], deletions = 0): number {
  let bytes = UPDATE_BYTES + deletions * ITEM_BYTES;
  for (const piece of inserted) bytes += Buffer.byteLength(piece) + ITEM_BYTES;
  return bytes;
}
