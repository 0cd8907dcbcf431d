import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { InProcessServer } from '../helpers/in-process-server';
import { inProcessServerPerTest } from '../helpers/server-per-test';
import { listVersions, restoreVersion, saveVersion, versionFiles } from '../helpers/history';
import { createRoomInDataDir } from '../helpers/sessions';
import { whenDoc, type YjsClient } from '../helpers/yjs-client';

const START = 'function area(r) {\n  return 3 * r * r;\n}\n\n// notes:\n';

const fixture = inProcessServerPerTest();
const { join, onServer } = fixture;
let server: InProcessServer | null = null;

/** Types `chars` one keystroke at a time at the end of the file, as a person does. */
function typeAtEnd(client: YjsClient, chars: string): void {
  const text = client.text();
  for (const char of chars) text.insert(text.length, char);
}

describe('restoring a version', () => {
  it('brings the version back as a forward edit that keeps what a second client types meanwhile', async () => {
    server = await fixture.start();
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const ada = await join(room, editToken);
    const bob = await join(room, editToken);
    ada.text().insert(0, START);
    await whenDoc(bob.doc, () => bob.read() === START);
    const saved = await saveVersion(server.url, room, editToken, 'area works');
    expect(saved.status).toBe(201);

    // Ada breaks the function; Bob notes it at the end.
    const adaText = ada.text();
    adaText.delete(START.indexOf('3 * r'), 1);
    adaText.insert(START.indexOf('3 * r'), '4');
    typeAtEnd(bob, ' area is off');
    await whenDoc(ada.doc, () => ada.read().endsWith(' area is off') && bob.read().includes('4 * r'));
    const bobsFile = bob.text();

    // Bob keeps typing while the restore runs: some keys reach the server before it, some after, and
    // these are typed offline, so the server cannot have them when it computes the restore.
    typeAtEnd(bob, ' (looking)');
    await whenDoc(ada.doc, () => ada.read().endsWith(' (looking)'));
    bob.provider.disconnect();
    typeAtEnd(bob, ' still');
    const restore = restoreVersion(server.url, room, editToken, saved.body.id!);
    typeAtEnd(bob, ' typing');
    expect((await restore).body).toMatchObject({ ok: true });
    typeAtEnd(bob, ' here');
    bob.provider.connect();
    await whenDoc(ada.doc, () => ada.read().endsWith(' here'));
    await whenDoc(bob.doc, () => bob.read().includes('3 * r'));

    const merged = ada.read();
    expect(merged.startsWith('function area(r) {\n  return 3 * r * r;\n}\n\n// notes:')).toBe(true);
    expect(merged).not.toContain('4 * r');
    expect(merged.endsWith(' still typing here')).toBe(true);
    expect(bob.read()).toBe(merged);
    // A forward edit, not a reset: Bob's file is the same shared text it was.
    expect(bob.doc.getMap<Y.Text>('files').get('main.ts')).toBe(bobsFile);
  });

  it('takes a version of the present first, so a restore can itself be undone', async () => {
    server = await fixture.start();
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const ada = await join(room, editToken);
    ada.text().insert(0, 'one');
    const first = await saveVersion(server.url, room, editToken, 'one');
    ada.text().insert(3, ' two');
    await onServer(room, (files) => files.get('main.ts')?.toString() === 'one two');
    await restoreVersion(server.url, room, editToken, first.body.id!);
    await whenDoc(ada.doc, () => ada.read() === 'one');
    const [before] = await listVersions(server.url, room, editToken);
    expect(before).toMatchObject({ kind: 'restore' });
    expect((await versionFiles(server.url, room, editToken, before!.id)).files).toEqual({ 'main.ts': 'one two' });
  });

  it('restores one file, creating it again when it was deleted since, and leaves the others', async () => {
    server = await fixture.start();
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const ada = await join(room, editToken);
    ada.text('a.ts').insert(0, 'a1');
    ada.text('b.ts').insert(0, 'b1');
    const saved = await saveVersion(server.url, room, editToken, 'both');
    ada.doc.getMap('files').delete('a.ts');
    ada.text('b.ts').insert(2, '+b2');
    ada.text('c.ts').insert(0, 'new');
    await onServer(room, (files) => files.has('c.ts') && !files.has('a.ts'));
    expect((await restoreVersion(server.url, room, editToken, saved.body.id!, 'a.ts')).body).toMatchObject({ ok: true });
    await whenDoc(ada.doc, () => ada.read('a.ts') === 'a1');
    expect(ada.read('b.ts')).toBe('b1+b2');
    expect(ada.read('c.ts')).toBe('new');

    expect((await restoreVersion(server.url, room, editToken, saved.body.id!, 'c.ts')).body).toMatchObject({ ok: true });
    await whenDoc(ada.doc, () => !ada.doc.getMap('files').has('c.ts'));
    expect((await restoreVersion(server.url, room, editToken, saved.body.id!, 'zzz.ts')).body).toMatchObject({ error: 'FILE_NOT_FOUND' });
  });

  it('refuses, by name, a restore that would give the room more files than it may hold', async () => {
    server = await fixture.start({ env: { SPARKPAD_MAX_FILES_PER_ROOM: '2' } });
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const ada = await join(room, editToken);
    ada.text('a.ts').insert(0, 'a');
    const saved = await saveVersion(server.url, room, editToken, 'a only');
    ada.doc.getMap('files').delete('a.ts');
    ada.text('b.ts').insert(0, 'b');
    ada.text('c.ts').insert(0, 'c');
    await onServer(room, (files) => files.size === 2 && !files.has('a.ts'));
    const refused = await restoreVersion(server.url, room, editToken, saved.body.id!, 'a.ts');
    expect(refused).toMatchObject({ status: 409, body: { error: 'TOO_MANY_FILES' } });
    expect((await restoreVersion(server.url, room, editToken, saved.body.id!)).body).toMatchObject({ ok: true });
    await whenDoc(ada.doc, () => ada.read('a.ts') === 'a' && ada.doc.getMap('files').size === 1);
  });
});
