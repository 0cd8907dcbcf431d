import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { REFUSAL } from '../../lib/shared/protocol/refusals';
import { renameFile } from '../../lib/shared/document/doc-model';
import { startMemoryCollab, type MemoryClient, type MemoryCollab } from '../helpers/memory-room';
import { randomRoomId } from '../helpers/sessions';
import { whenDoc } from '../helpers/yjs-client';

const LIMITS = { SPARKPAD_MAX_DOCUMENT_BYTES: '20000', SPARKPAD_MAX_FILES_PER_ROOM: '3' };

describe('document limits', () => {
  // The limits are vetted per update by the room's extensions: in-memory connections reach them as a
  // socket would, and each refusal is known the moment the update is handled.
  let collab: MemoryCollab;
  beforeAll(() => {
    collab = startMemoryCollab(LIMITS);
  });
  afterAll(() => collab.close());

  async function freshRoom() {
    const room = randomRoomId();
    return {
      async join(): Promise<MemoryClient> {
        const client = collab.join(room);
        await client.synced;
        return client;
      },
    };
  }
  const files = (client: MemoryClient) => client.doc.getMap<Y.Text>('files');

  it('refuses an update that would grow the document past its limit', async () => {
    const room = await freshRoom();
    const [writer, watcher] = [await room.join(), await room.join()];
    for (let i = 0; i < 2; i++) writer.text(`part${i}.ts`).insert(0, 'z'.repeat(6000));
    await whenDoc(watcher.doc, () => watcher.read('part1.ts').length === 6000);
    writer.text('part0.ts').insert(0, 'w'.repeat(8000));
    expect(writer.connection.closed).toEqual({ code: REFUSAL.DOCUMENT_TOO_LARGE, reason: 'DOCUMENT_TOO_LARGE' });
    const check = await room.join();
    expect(check.read('part0.ts')).toBe('z'.repeat(6000));
  });

  it('holds at most the configured number of files, and renames still work at the limit', async () => {
    const room = await freshRoom();
    const [writer, watcher] = [await room.join(), await room.join()];
    for (const name of ['a.ts', 'b.ts', 'c.ts']) writer.text(name).insert(0, name);
    await whenDoc(watcher.doc, () => files(watcher).size === 3);
    expect(renameFile(writer.doc, 'a.ts', 'renamed.ts').ok).toBe(true);
    await whenDoc(watcher.doc, () => files(watcher).has('renamed.ts') && !files(watcher).has('a.ts'));
    writer.text('d.ts').insert(0, 'one too many');
    expect(writer.connection.closed?.reason).toBe('TOO_MANY_FILES');
    const check = await room.join();
    expect([...files(check).keys()].sort()).toEqual(['b.ts', 'c.ts', 'renamed.ts']);
  });

  it.each([['../escape.ts'], ['/etc/passwd'], ['bad\u0007bell.ts'], ['a/./b.ts']])('refuses the file name %j', async (name) => {
    const room = await freshRoom();
    const writer = await room.join();
    files(writer).set(name, new Y.Text('nope'));
    expect(writer.connection.closed).toEqual({ code: REFUSAL.BAD_FILE_NAME, reason: 'BAD_FILE_NAME' });
    const check = await room.join();
    expect(files(check).size).toBe(0);
  });
});
