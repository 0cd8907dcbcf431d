import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { STARTER_FILE } from '../../lib/shared/document/doc-model';
import { inProcessServerForTheseTests } from '../helpers/server-per-test';
import { createSessionViaApi } from '../helpers/sessions';
import { whenDoc, type YjsClient } from '../helpers/yjs-client';

describe('a session made by POST /api/sessions', () => {
  const shared = inProcessServerForTheseTests();
  const join = shared.join;

  it('holds its starter file before anyone opens it, even for a view-only link', async () => {
    const session = await createSessionViaApi(shared.server().url);
    const viewer = await join(session.room, session.viewToken);
    expect([...viewer.doc.getMap('files').keys()]).toEqual([STARTER_FILE.path]);
    expect(viewer.read(STARTER_FILE.path)).toBe(STARTER_FILE.content);
  });

  it('keeps what two first visitors type at once in the one main.ts', async () => {
    const session = await createSessionViaApi(shared.server().url);
    const [alice, bob] = await Promise.all([join(session.room, session.editToken), join(session.room, session.editToken)]);
    // Both type in the same tick, before either hears from the other.
    alice.doc.getMap<Y.Text>('files').get(STARTER_FILE.path)!.insert(0, '// Alice\n');
    bob.doc.getMap<Y.Text>('files').get(STARTER_FILE.path)!.insert(0, '// Bob\n');
    const both = (client: YjsClient) => client.read().includes('// Alice\n') && client.read().includes('// Bob\n');
    await Promise.all([whenDoc(alice.doc, () => both(alice)), whenDoc(bob.doc, () => both(bob))]);
    expect(alice.read()).toBe(bob.read());
    expect(alice.read().endsWith(STARTER_FILE.content)).toBe(true);
    expect([...alice.doc.getMap('files').keys()]).toEqual([STARTER_FILE.path]);
  });
});
