import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAwareness, encodeUpdate, MESSAGE } from '../../server/collab/core/yjs-messages';

/** What y-websocket's own encoders write for the same message. */
function byEncoder(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe('the y-websocket messages the server writes', () => {
  it('are the bytes y-protocols writes, at every length of varuint', () => {
    for (const size of [0, 1, 127, 128, 200, 16_383, 16_384, 70_000, 2_097_152]) {
      const payload = Uint8Array.from({ length: size }, (_, i) => i % 251);
      const expected = byEncoder((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE.SYNC);
        syncProtocol.writeUpdate(encoder, payload);
      });
      expect(Buffer.from(encodeUpdate(payload)).equals(Buffer.from(expected)), `update of ${size} bytes`).toBe(true);
    }
  });

  it('carry presence as y-protocols encodes it', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: 'x'.repeat(300) } });
    const expected = byEncoder((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE.AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
    });
    expect(Buffer.from(encodeAwareness(awareness, [awareness.clientID])).equals(Buffer.from(expected))).toBe(true);
    awareness.destroy();
  });
});
