import { describe, expect, it } from 'vitest';
import { freshServerForEachTest } from '../helpers/fresh-server';
import { personState, synced, whenDoc } from '../helpers/yjs-client';

describe('the Yjs endpoint with stock y-websocket clients', () => {
  const current = freshServerForEachTest();
  const connect = (token: string | null) => current.connect(token);

  it('carries text typed in one client to another through the server', async () => {
    const a = connect(current.room.editToken);
    const b = connect(current.room.editToken);
    await Promise.all([synced(a), synced(b)]);
    a.text().insert(0, 'const answer = 42;');
    await whenDoc(b.doc, () => b.read() === 'const answer = 42;');
    b.text().insert(0, '// hi\n');
    await whenDoc(a.doc, () => a.read() === '// hi\nconst answer = 42;');
  });

  it('carries awareness states between clients', async () => {
    const a = connect(current.room.editToken);
    const b = connect(current.room.editToken);
    await Promise.all([synced(a), synced(b)]);
    const seen = new Promise<void>((resolve) => {
      b.provider.awareness.on('change', () => {
        const state = b.provider.awareness.getStates().get(a.doc.clientID);
        if (state?.user?.name === 'Ada') resolve();
      });
    });
    a.provider.awareness.setLocalState(personState('a', 'Ada'));
    await seen;
  });

  it('gives a late joiner the whole document', async () => {
    const a = connect(current.room.editToken);
    await synced(a);
    a.text('a.ts').insert(0, 'alpha');
    a.text('b.ts').insert(0, 'beta');
    const late = connect(current.room.viewToken);
    await synced(late);
    await whenDoc(late.doc, () => late.doc.getMap('files').size === 2);
    expect(late.read('a.ts')).toBe('alpha');
  });
});
