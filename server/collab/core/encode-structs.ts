import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Deleted ranges per client, as Y.decodeUpdate gives them. */
export type Deletions = Map<number, Array<{ clock: number; len: number }>>;

/**
 * Encodes decoded structs and deletions back into an update (format v1), so an update can be rewritten:
 * Yjs decodes an update into Items, GCs and Skips but has no encoder for such a list. Each client's structs
 * must run on without a gap or an overlap (a Skip stands for a gap), as in one client's block of an update;
 * null when they do not.
 */
export function encodeStructs(clients: ReadonlyMap<number, ReadonlyArray<Y.Item | Y.GC | Y.Skip>>, deletions: Deletions): Uint8Array | null {
  const encoder = new Y.UpdateEncoderV1();
  const blocks = [...clients].filter(([, structs]) => structs.length > 0);
  encoding.writeVarUint(encoder.restEncoder, blocks.length);
  for (const [client, structs] of blocks) {
    for (let i = 1; i < structs.length; i++) {
      if (structs[i]!.id.clock !== structs[i - 1]!.id.clock + structs[i - 1]!.length) return null;
    }
    encoding.writeVarUint(encoder.restEncoder, structs.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, structs[0]!.id.clock);
    for (const struct of structs) struct.write(encoder, 0);
  }
  writeDeletions(encoder, deletions);
  return encoder.toUint8Array();
}

/** An update that only deletes. */
export function encodeDeletions(deletions: Deletions): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 0);
  writeDeletions(encoder, deletions);
  return encoder.toUint8Array();
}

function writeDeletions(encoder: Y.UpdateEncoderV1, deletions: Deletions): void {
  const clients = [...deletions].filter(([, ranges]) => ranges.length > 0);
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const [client, ranges] of clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
}
