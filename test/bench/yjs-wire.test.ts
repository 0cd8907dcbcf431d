import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createFileUpdate, FILE_NAME, FILES_KEY, readIncoming, typeCharUpdate, updateMessage } from '../../bench/lib/yjs-wire';

/** The updates a Yjs client emits for its own transactions. */
function capture(doc: Y.Doc, act: () => void): Uint8Array {
  let update: Uint8Array | null = null;
  const onUpdate = (u: Uint8Array) => (update = u);
  doc.on('update', onUpdate);
  act();
  doc.off('update', onUpdate);
  return update!;
}

describe('hand-written y-websocket messages of the capacity generator', () => {
  it('are the bytes Yjs writes for creating the file and typing after the own previous character', () => {
    const creator = new Y.Doc();
    creator.clientID = 1234567;
    const typist = new Y.Doc();
    typist.clientID = 3_000_000_001;
    const created = capture(creator, () => creator.getMap(FILES_KEY).set(FILE_NAME, new Y.Text()));
    expect(created).toEqual(createFileUpdate(creator.clientID));

    Y.applyUpdate(typist, created);
    const text = typist.getMap<Y.Text>(FILES_KEY).get(FILE_NAME)!;
    const textId = { client: creator.clientID, clock: 0 };
    expect(capture(typist, () => text.insert(0, 'a'))).toEqual(typeCharUpdate(typist.clientID, 0, 'a', textId, false));
    expect(capture(typist, () => text.insert(1, 'b'))).toEqual(typeCharUpdate(typist.clientID, 1, 'b', textId, true));

    // The creator's own typing starts at its clock 1 (0 is the text), at the start of the text as it sees it;
    // the same bytes are a valid update in any state of the text (Yjs orders concurrent first characters).
    const mine = creator.getMap<Y.Text>(FILES_KEY).get(FILE_NAME)!;
    expect(capture(creator, () => mine.insert(0, 'c'))).toEqual(typeCharUpdate(creator.clientID, 1, 'c', textId, false));
    Y.applyUpdate(creator, Y.encodeStateAsUpdate(typist));
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(creator));
    expect(mine.toString()).toBe(text.toString());
    expect([...mine.toString()].sort().join('')).toBe('abc');
  });

  it('reads the first struct id of a relayed update without decoding the rest', () => {
    const message = updateMessage(typeCharUpdate(3_000_000_001, 300, 'x', { client: 1, clock: 0 }, true));
    expect(readIncoming(message)).toMatchObject({ kind: 'update', structs: 1, first: { client: 3_000_000_001, clock: 300 } });
  });
});
