import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UnsentEdits, type UnsentState } from '../../lib/browser/offline/unsent-edits';

/** A page's view of one room: its document, whether the socket is in sync, and when the local copy has stored. */
function page(storage = new Map<string, string>()) {
  const doc = new Y.Doc();
  const server = Symbol('provider');
  let inSync = false;
  let storeNow: () => void = () => {};
  let pendingStore = Promise.resolve();
  const states: UnsentState[] = [];
  const unsent = new UnsentEdits({
    room: 'room-1',
    doc,
    remoteOrigins: [server],
    inSync: () => inSync,
    stored: () => pendingStore,
    onChange: (state) => states.push(state),
    storage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
      removeItem: (key) => void storage.delete(key),
    },
  });
  return {
    doc,
    unsent,
    states,
    storage,
    type: (text: string) => doc.getText('t').insert(0, text),
    fromServer: (text: string) => doc.transact(() => doc.getText('t').insert(0, text), server),
    online: (value: boolean) => (inSync = value),
    holdStores: () => (pendingStore = new Promise<void>((resolve) => (storeNow = resolve))),
    releaseStores: () => storeNow(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('edits the server has not seen', () => {
  it('are none while the socket is in sync, whoever types', async () => {
    const p = page();
    p.online(true);
    p.type('a');
    p.fromServer('b');
    await settle();
    expect(p.unsent.value).toBe('none');
    expect(p.states).toEqual([]);
  });

  it('are being saved, then kept, when typed offline, and say so only once stored', async () => {
    const p = page();
    p.holdStores();
    p.type('offline');
    expect(p.unsent.value).toBe('saving');
    await settle();
    expect(p.unsent.value).toBe('saving');
    p.releaseStores();
    await settle();
    expect(p.unsent.value).toBe('kept');
    expect(p.states).toEqual(['saving', 'kept']);
  });

  it('ignore what arrives from the server while offline', async () => {
    const p = page();
    p.fromServer('late echo');
    await settle();
    expect(p.unsent.value).toBe('none');
  });

  it('are still known to a page opened later, until a connection syncs', async () => {
    const first = page();
    first.type('offline');
    await settle();
    const reopened = page(first.storage);
    expect(reopened.unsent.value).toBe('kept');
    reopened.unsent.synced();
    expect(reopened.unsent.value).toBe('none');
    expect(page(first.storage).unsent.value).toBe('none');
  });
});
