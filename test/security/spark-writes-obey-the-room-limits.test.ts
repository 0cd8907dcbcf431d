import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { readChat } from '../../lib/shared/document/chat-log';
import type { RefusalReason } from '../../lib/shared/protocol/refusals';
import { AiRouter } from '../../server/ai/routing/router';
import { SparkChat } from '../../server/ai/spark/spark-chat';
import type { MemberWrite } from '../../server/collab/core/hooks';
import { chunks, routerSettings, ScriptedTier } from '../ai/helpers';
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
    const ended = await spark.next('edit:error', (m) => m.id === 'big');
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

describe("Spark's chat answers are held to the room's limits", () => {
  /** A room that admits writes while `budget` lasts, as the collab room does with its size limit. */
  function roomWithBudget(budget: number) {
    const doc = new Y.Doc();
    const seen: MemberWrite[] = [];
    let left = budget;
    const admitWrite = (write: MemberWrite): RefusalReason | undefined => {
      seen.push(write);
      if (write.bytes > left) return 'DOCUMENT_TOO_LARGE';
      left -= write.bytes;
      return undefined;
    };
    return { room: { id: 'room-1', doc, awareness: new Awareness(doc), admitWrite }, seen };
  }
  const scripted = (...texts: string[]) => new ScriptedTier('deep', chunks(...texts));
  const routerFor = (tier: ScriptedTier) => new AiRouter({ tiers: { fast: tier, deep: tier, embedded: tier }, settings: routerSettings() });
  const ask = { id: 'q1', requester: 'ada', asker: { name: 'Ada', color: '#22c55e' }, question: 'Why?', context: null, pin: 'auto' } as const;

  it('an ask the room cannot take is refused by name and writes nothing', () => {
    const { room } = roomWithBudget(100);
    const chat = new SparkChat(room, routerFor(scripted('never asked')));
    expect(chat.ask(ask)?.code).toBe('DOCUMENT_TOO_LARGE');
    expect(readChat(room.doc)).toEqual([]);
  });

  it('an answer whose next chunk the room refuses ends with an error naming why', async () => {
    const { room, seen } = roomWithBudget(8_000);
    const chat = new SparkChat(room, routerFor(scripted('short ', 'x'.repeat(20_000))));
    expect(chat.ask(ask)).toBeNull();
    expect(seen[0]?.entries?.map((entry) => entry.root)).toEqual(['chat', 'chat']);
    await whenDoc(room.doc, () => readChat(room.doc).some((m) => m.role === 'spark' && m.status === 'error'));
    const answer = readChat(room.doc).find((m) => m.role === 'spark')!;
    expect(answer.text).toBe('short ');
    expect(answer.note).toMatch(/size limit/);
  });
});
