import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { STARTER_FILE } from '../../lib/shared/document/doc-model';
import { createSessionViaApi } from '../helpers/sessions';
import { inProcessServerForTheseTests } from '../helpers/server-per-test';
import { whenDoc } from '../helpers/yjs-client';
import { exportZip, importZip } from '../helpers/workspace-zips';

/** 50 files that would show a lossy round trip: nesting, CRLF, a BOM, non-ASCII, an empty file, a long one. */
function fiftyFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'README.md': '# Café ☕ — naïve résumé\n',
    'windows.txt': 'line one\r\nline two\r\n',
    'bom.ts': '\uFEFFexport const withBom = true;\n',
    'empty.ts': '',
    'deep/er/still/deeper/file name.ts': 'export const spaced = "yes";\n',
    'emoji.md': '🚀 launch 👩‍💻 pair\n',
    'long.ts': 'export const n = 1;\n'.repeat(2000),
  };
  for (let i = 0; Object.keys(files).length < 50; i++) files[`src/module-${i}.ts`] = `export const value${i} = ${i};\n\t// tab and trailing space \n`;
  return files;
}

describe('a workspace goes out as a .zip and comes back in', () => {
  const shared = inProcessServerForTheseTests({ env: { SPARKPAD_MAX_DOCUMENT_BYTES: String(2 * 1024 * 1024) } });
  const open = shared.join;

  it('round-trips a workspace of 50 files and the starter file byte for byte', async () => {
    const added = fiftyFiles();
    const original = await createSessionViaApi(shared.server().url);
    const writer = await open(original.room, original.editToken);
    writer.doc.transact(() => {
      for (const [path, text] of Object.entries(added)) writer.text(path).insert(0, text);
    });
    // A new session holds its starter file; the workspace is that and the fifty.
    const files = { [STARTER_FILE.path]: STARTER_FILE.content, ...added };

    // The view link may download too: exporting only reads.
    const exported = await exportZip(shared.server().url, original.room, original.viewToken);
    expect(exported.status).toBe(200);
    expect(exported.type).toBe('application/zip');
    const unzipped = unzipSync(exported.bytes);
    expect(Object.keys(unzipped).sort()).toEqual(Object.keys(files).sort());
    for (const [path, text] of Object.entries(files)) expect(Buffer.from(unzipped[path]!).equals(Buffer.from(text, 'utf8'))).toBe(true);

    const imported = await importZip(shared.server().url, exported.bytes);
    expect(imported.status).toBe(201);
    const room = imported.body.room as string;
    expect(room).not.toBe(original.room);
    const reader = await open(room, imported.body.editToken as string);
    await whenDoc(reader.doc, () => reader.doc.getMap('files').size === 51);
    for (const [path, text] of Object.entries(files)) expect(reader.read(path)).toBe(text);

    const again = await exportZip(shared.server().url, room, imported.body.viewToken as string);
    expect(Buffer.from(again.bytes).equals(Buffer.from(exported.bytes))).toBe(true);
  });

  it('refuses an export without a valid token of that room, with the websocket reasons', async () => {
    const session = await createSessionViaApi(shared.server().url);
    const other = await createSessionViaApi(shared.server().url);
    expect((await exportZip(shared.server().url, session.room, 'not-a-token')).status).toBe(403);
    const wrongRoom = await fetch(`${shared.server().url}/api/sessions/${session.room}/export`, { headers: { authorization: `Bearer ${other.editToken}` } });
    expect(((await wrongRoom.json()) as { error: string }).error).toBe('FORBIDDEN_ROOM');
  });
});
