import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** A small seeded PRNG (mulberry32): a failing run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function validUpdateMessage(random: () => number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap<Y.Text>('files').set(`f${Math.floor(random() * 5)}.ts`, new Y.Text('x'.repeat(Math.floor(random() * 50))));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

function randomBytes(random: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

/** One hostile message of a randomly chosen kind. */
export function fuzzMessage(random: () => number): Uint8Array {
  const kind = Math.floor(random() * 6);
  switch (kind) {
    case 0: // noise
      return randomBytes(random, 1 + Math.floor(random() * 64));
    case 1: {
      // a valid message cut short
      const message = validUpdateMessage(random);
      return message.slice(0, Math.max(1, Math.floor(random() * message.length)));
    }
    case 2: {
      // an unknown message or sync type
      const encoder = encoding.createEncoder();
      if (random() < 0.5) encoding.writeVarUint(encoder, 4 + Math.floor(random() * 1000));
      else {
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint(encoder, 3 + Math.floor(random() * 100));
      }
      encoding.writeUint8Array(encoder, randomBytes(random, Math.floor(random() * 16)));
      return encoding.toUint8Array(encoder);
    }
    case 3: {
      // a length prefix far beyond the message
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, Math.floor(random() * 2));
      if (random() < 0.5) encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint(encoder, 2 ** 31 + Math.floor(random() * 2 ** 20));
      encoding.writeUint8Array(encoder, randomBytes(random, 8));
      return encoding.toUint8Array(encoder);
    }
    case 4: {
      // a valid-looking update with some bytes flipped
      const message = validUpdateMessage(random);
      const flips = 1 + Math.floor(random() * 4);
      for (let i = 0; i < flips; i++) message[2 + Math.floor(random() * (message.length - 2))] = Math.floor(random() * 256);
      return message;
    }
    default: {
      // an awareness message with garbage inside
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, randomBytes(random, Math.floor(random() * 40)));
      return encoding.toUint8Array(encoder);
    }
  }
}
