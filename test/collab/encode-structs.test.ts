import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeStructs } from '../../server/collab/core/encode-structs';

/** Structs and deletions of an update, by client, as encodeStructs takes them. */
function decoded(update: Uint8Array) {
  const { structs, ds } = Y.decodeUpdate(update);
  const clients = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
  for (const struct of structs) clients.set(struct.id.client, [...(clients.get(struct.id.client) ?? []), struct]);
  return { clients, ds: ds.clients };
}

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe('structs of a decoded update, encoded again', () => {
  it('build the same document: texts, maps, nested types and deletions', () => {
    const source = new Y.Doc();
    const text = source.getMap<Y.Text>('files').set('main.ts', new Y.Text('hello world'));
    text.delete(0, 6);
    source.getArray<Y.Map<unknown>>('chat').insert(0, [new Y.Map()]);
    const map = source.getArray<Y.Map<unknown>>('chat').get(0);
    map.set('status', 'streaming');
    map.set('status', 'done');
    map.set('text', new Y.Text('answer'));
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(source));
    other.getMap<Y.Text>('files').get('main.ts')!.insert(5, '!');
    const update = Y.mergeUpdates([Y.encodeStateAsUpdate(source), Y.encodeStateAsUpdate(other)]);
    const { clients, ds } = decoded(update);
    const again = encodeStructs(clients, ds)!;
    expect(docOf(again).toJSON()).toEqual(docOf(update).toJSON());
    expect(Y.encodeStateVector(docOf(again))).toEqual(Y.encodeStateVector(docOf(update)));
  });

  it('with a struct turned into a GC: the client’s later structs, and edits built on them, still integrate', () => {
    const server = new Y.Doc();
    server.getArray('proposals').push(['lost']);
    server.getMap<Y.Text>('files').set('main.ts', new Y.Text('spark'));
    const browser = new Y.Doc();
    Y.applyUpdate(browser, Y.encodeStateAsUpdate(server));
    browser.getMap<Y.Text>('files').get('main.ts')!.insert(5, ' typed');
    const { clients, ds } = decoded(Y.encodeStateAsUpdate(browser));
    const serverStructs = clients.get(server.clientID)!;
    const lost = serverStructs.find((s) => s instanceof Y.Item && (s.parent as unknown) === 'proposals')!;
    clients.set(server.clientID, serverStructs.map((s) => (s === lost ? new Y.GC(s.id, s.length) : s)));
    const restarted = docOf(encodeStructs(clients, ds)!);
    expect(restarted.getArray('proposals').toArray()).toEqual([]);
    expect(restarted.getMap<Y.Text>('files').get('main.ts')!.toString()).toBe('spark typed');
    expect(restarted.store.pendingStructs).toBeNull();
  });

  it('gives up on a client’s structs that leave a gap or overlap', () => {
    const doc = new Y.Doc();
    doc.getArray('a').push([1]);
    doc.getArray('b').push([2]);
    doc.getArray('c').push([3]);
    const { clients, ds } = decoded(Y.encodeStateAsUpdate(doc));
    const [first, second, third] = clients.get(doc.clientID)!;
    clients.set(doc.clientID, [first!, third!]);
    expect(encodeStructs(clients, ds)).toBeNull();
    clients.set(doc.clientID, [first!, first!]);
    expect(encodeStructs(clients, ds)).toBeNull();
    clients.set(doc.clientID, [second!, third!]);
    expect(docOf(encodeStructs(clients, ds)!).store.pendingStructs).not.toBeNull();
  });
});
