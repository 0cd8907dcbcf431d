import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type InProcessServer } from '../helpers/in-process-server';
import { importZip, lyingZipBomb, roomCount, zipOf } from '../helpers/workspace-zips';

const MAX_BYTES = 1024 * 1024;
const MAX_FILES = 200;

describe('an import that breaks the room limits or attacks the server', () => {
  let server: InProcessServer;

  beforeAll(async () => {
    server = await startInProcess({
      env: { SPARKPAD_MAX_DOCUMENT_BYTES: String(MAX_BYTES), SPARKPAD_MAX_FILES_PER_ROOM: String(MAX_FILES) },
    });
  });
  afterAll(() => server?.close());

  /** Imports the zip and expects the named refusal, with no room created. */
  async function expectRefused(zip: Uint8Array, error: string, file?: string): Promise<void> {
    const before = roomCount(server.dataDir);
    const answer = await importZip(server.url, zip);
    expect(answer.body.error).toBe(error);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    if (file !== undefined) expect(answer.body.file).toBe(file);
    expect(roomCount(server.dataDir)).toBe(before);
  }

  it.each(['../escape.ts', 'src/../../escape.ts', '/etc/passwd', 'C:\\Windows\\evil.ts', 'src\\..\\..\\evil.ts', './hidden.ts', 'a//b.ts'])(
    'refuses the path traversal name %j',
    async (name) => {
      await expectRefused(zipOf({ 'fine.ts': 'ok\n', [name]: 'owned\n' }), 'BAD_FILE_NAME', name);
    },
  );

  it('refuses a directory entry that climbs out', async () => {
    await expectRefused(zipOf({ '../outside/': new Uint8Array(0), 'fine.ts': 'ok\n' }), 'BAD_FILE_NAME', '../outside/');
  });

  it('refuses 10,000 entries without reading past the limit', async () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) entries[`f${i}.ts`] = '';
    await expectRefused(zipOf(entries), 'TOO_MANY_FILES');
  });

  it('refuses an honest zip bomb from its declared sizes, before inflating', async () => {
    await expectRefused(zipOf({ 'zeros.txt': new Uint8Array(MAX_BYTES + 1) }), 'DOCUMENT_TOO_LARGE', 'zeros.txt');
  });

  it('refuses a zip bomb that declares a small size, stopping at what it declared', async () => {
    await expectRefused(lyingZipBomb('bomb.txt', 8 * MAX_BYTES, 1000), 'ZIP_SIZE_MISMATCH', 'bomb.txt');
  });

  it('refuses files that together pass the size limit', async () => {
    const half = 'x'.repeat(MAX_BYTES / 2 + 1);
    await expectRefused(zipOf({ 'a.txt': half, 'b.txt': half }), 'DOCUMENT_TOO_LARGE', 'b.txt');
  });

  it('refuses an upload larger than any workspace the room may hold, without reading it all', async () => {
    await expectRefused(new Uint8Array(randomBytes(2 * MAX_BYTES)), 'DOCUMENT_TOO_LARGE');
  });

  it('refuses what is not a zip, a binary file and two files of one name', async () => {
    await expectRefused(new TextEncoder().encode('just some text, not an archive'), 'NOT_A_ZIP');
    await expectRefused(zipOf({ 'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]) }), 'FILE_NOT_TEXT', 'logo.png');
    const twice = zipOf({ 'a.ts': 'one', 'b.ts': 'two' });
    // Rename the second entry to the first's name in both headers: archivers can write duplicates.
    const renamed = Buffer.from(twice);
    let at = renamed.indexOf('b.ts');
    while (at >= 0) {
      renamed.write('a.ts', at);
      at = renamed.indexOf('b.ts', at + 1);
    }
    await expectRefused(new Uint8Array(renamed), 'DUPLICATE_FILE_NAME', 'a.ts');
  });

  it('takes a zip at the limits, skipping the metadata macOS adds', async () => {
    const entries: Record<string, string> = { '__MACOSX/._a.ts': '\u0000\u0005binary', '.DS_Store': 'x' };
    for (let i = 0; i < MAX_FILES; i++) entries[`src/f${i}.ts`] = `export const f${i} = ${i};\n`;
    const answer = await importZip(server.url, zipOf(entries));
    expect(answer.status).toBe(201);
  });
});
