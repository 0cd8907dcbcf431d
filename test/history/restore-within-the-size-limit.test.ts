import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { InProcessServer } from '../helpers/in-process-server';
import { inProcessServerPerTest } from '../helpers/server-per-test';
import { listVersions, restoreVersion, saveVersion } from '../helpers/history';
import { createRoomInDataDir } from '../helpers/sessions';
import { whenDoc } from '../helpers/yjs-client';

const LIMIT_BYTES = 8192;
const BIG = 'x'.repeat(5000);

const fixture = inProcessServerPerTest();
const { join, onServer } = fixture;
let server: InProcessServer | null = null;

describe('a restore and the room size limit', () => {
  it('refuses, by name, a restore that would make the document larger than it may be, and changes nothing', async () => {
    server = await fixture.start({ env: { SPARKPAD_MAX_DOCUMENT_BYTES: String(LIMIT_BYTES) } });
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const ada = await join(room, editToken);
    ada.text('big.ts').insert(0, BIG);
    const saved = await saveVersion(server.url, room, editToken, 'big');
    // Deleting the text keeps its bytes in the document's history: writing it again would pass the limit.
    ada.text('big.ts').delete(0, BIG.length);
    ada.text('big.ts').insert(0, 'small');
    await onServer(room, (files) => files.get('big.ts')?.toString() === 'small');
    const versionsBefore = await listVersions(server.url, room, editToken);

    const refused = await restoreVersion(server.url, room, editToken, saved.body.id!);
    expect(refused).toMatchObject({ status: 409, body: { error: 'DOCUMENT_TOO_LARGE' } });
    const loaded = await server.server.rooms.open(room);
    expect(loaded.doc.getMap<Y.Text>('files').get('big.ts')?.toString()).toBe('small');
    expect(await listVersions(server.url, room, editToken)).toEqual(versionsBefore);
    expect(ada.read('big.ts')).toBe('small');
  });

  it('lets a restore within the limit through', async () => {
    server = await fixture.start({ env: { SPARKPAD_MAX_DOCUMENT_BYTES: String(LIMIT_BYTES) } });
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const ada = await join(room, editToken);
    ada.text('a.ts').insert(0, 'const a = 1;\n');
    const saved = await saveVersion(server.url, room, editToken, 'one line');
    ada.text('a.ts').insert(0, 'const b = 2;\n');
    await onServer(room, (files) => files.get('a.ts')?.toString().startsWith('const b') === true);
    expect((await restoreVersion(server.url, room, editToken, saved.body.id!)).body).toMatchObject({ ok: true });
    await whenDoc(ada.doc, () => ada.read('a.ts') === 'const a = 1;\n');
  });
});
