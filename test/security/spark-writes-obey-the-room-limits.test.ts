import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import { startInProcess, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDataDir, type TestRoom } from '../helpers/sessions';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

const MAX_DOCUMENT_BYTES = 20_000;
const FILE = 'const a = 1;\n';

/** "Apply as edit": Spark types the text given instead of asking a model. */
const apply = (id: string, replacement: string) =>
  ({ type: 'edit', id, file: 'main.ts', instruction: 'apply', selection: { from: FILE.length, to: FILE.length }, replacement }) as const;

describe("Spark's writes are a member's writes: the room's limits hold for them", () => {
  let server: InProcessServer;
  const clients: YjsClient[] = [];
  const sparks: AiTestClient[] = [];
  beforeAll(async () => {
    server = await startInProcess({
      env: { SPARKPAD_MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES), SPARKPAD_AI_USER_REQUESTS_PER_MINUTE: '2' },
    });
  });
  afterAll(async () => {
    for (const spark of sparks.splice(0)) spark.close();
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  async function roomWithFile(): Promise<{ room: TestRoom; editor: YjsClient; spark: AiTestClient }> {
    const room = await createRoomInDataDir(server.dataDir);
    const editor = connectClient(server.wsUrl, room.room, room.editToken);
    clients.push(editor);
    await synced(editor);
    editor.text('main.ts').insert(0, FILE);
    const spark = await connectAi(server.url, { room: room.room, token: room.editToken });
    sparks.push(spark);
    return { room, editor, spark };
  }

  it('a Spark edit that would grow the document past its limit ends with DOCUMENT_TOO_LARGE', async () => {
    const { room, spark } = await roomWithFile();
    spark.send(apply('big', 'x'.repeat(30_000)));
    const ended = await spark.next('edit:error', (m) => m.id === 'big', 20_000);
    expect(ended.error.code).toBe('DOCUMENT_TOO_LARGE');
    const late = connectClient(server.wsUrl, room.room, room.editToken);
    clients.push(late);
    await synced(late);
    await whenDoc(late.doc, () => late.read('main.ts').startsWith(FILE));
    expect(Y.encodeStateAsUpdate(late.doc).byteLength).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
  });

  it("typing given text spends the asker's request budget like asking a model does", async () => {
    const { spark } = await roomWithFile();
    for (const id of ['one', 'two']) {
      spark.send(apply(id, `// ${id}\n`));
      await spark.next('edit:done', (m) => m.id === id);
    }
    spark.send(apply('three', '// three\n'));
    const refused = await spark.next('edit:error', (m) => m.id === 'three');
    expect(refused.error.code).toBe('RATE_LIMITED');
  });
});
