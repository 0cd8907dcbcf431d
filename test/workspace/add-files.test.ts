import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_FILE } from '../../lib/shared/document/doc-model';
import { createSessionViaApi } from '../helpers/sessions';
import { startInProcess, type InProcessServer } from '../helpers/in-process-server';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';
import { addFilesZip, zipOf } from '../helpers/workspace-zips';

describe('files dropped into a running session', () => {
  let server: InProcessServer;
  const clients: YjsClient[] = [];

  beforeAll(async () => {
    server = await startInProcess({ env: { SPARKPAD_MAX_FILES_PER_ROOM: '5' } });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.close();
  });

  /** A new session: it holds its starter file, main.ts. */
  async function roomWithOneFile() {
    const session = await createSessionViaApi(server.url);
    const client = connectClient(server.wsUrl, session.room, session.editToken);
    clients.push(client);
    await synced(client);
    expect(client.read(STARTER_FILE.path)).toBe(STARTER_FILE.content);
    return { session, client };
  }

  it('reach everyone in the room as new files', async () => {
    const { session, client } = await roomWithOneFile();
    const answer = await addFilesZip(server.url, session.room, session.editToken, zipOf({ 'lib/a.ts': 'a\r\n', 'b.md': '# b' }));
    expect(answer).toEqual({ status: 200, body: { ok: true, files: ['lib/a.ts', 'b.md'] } });
    await whenDoc(client.doc, () => client.read('lib/a.ts') === 'a\r\n' && client.read('b.md') === '# b');
    expect(client.read('main.ts')).toBe(STARTER_FILE.content);
  });

  it('are refused by name, adding none of them, when one breaks a rule', async () => {
    const { session, client } = await roomWithOneFile();
    const cases: Array<[Record<string, string>, string, string | undefined]> = [
      [{ 'new.ts': 'x', 'main.ts': 'overwrite' }, 'FILE_EXISTS', 'main.ts'],
      [{ 'new.ts': 'x', '../up.ts': 'x' }, 'BAD_FILE_NAME', '../up.ts'],
      [{ 'a.ts': '', 'b.ts': '', 'c.ts': '', 'd.ts': '', 'e.ts': '' }, 'TOO_MANY_FILES', undefined],
    ];
    for (const [files, error, file] of cases) {
      const answer = await addFilesZip(server.url, session.room, session.editToken, zipOf(files));
      expect(answer.body.error).toBe(error);
      expect(answer.body.file).toBe(file);
    }
    const viewer = await addFilesZip(server.url, session.room, session.viewToken, zipOf({ 'v.ts': 'x' }));
    expect(viewer).toMatchObject({ status: 403, body: { error: 'READ_ONLY' } });
    expect(client.doc.getMap('files').size).toBe(1);
  });
});
