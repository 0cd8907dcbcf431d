import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { awarenessStateSchema, type AwarenessState } from '../../lib/shared/protocol/awareness';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import { startInProcess, until, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDatabase, createTestSchema, type TestSchema } from '../helpers/postgres';
import { dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../helpers/redis';
import { issueIdentity, type TestRoom } from '../helpers/sessions';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

const FILE = 'const a = 1;\nconst b = 2;\n';
const SPARK_LINE = 'const c = a + b;\n';
/** A short lease so the takeover under test comes quickly; the default is in server/config.ts. */
const LEASE_MS = '1000';

/** The Spark entries a browser's awareness holds: what it would draw as Spark cursors. */
function sparks(client: YjsClient): Array<{ clientId: number; state: AwarenessState }> {
  const out: Array<{ clientId: number; state: AwarenessState }> = [];
  for (const [clientId, raw] of client.provider.awareness.getStates()) {
    const parsed = awarenessStateSchema.safeParse(raw);
    if (parsed.success && parsed.data.user.kind === 'spark') out.push({ clientId, state: parsed.data });
  }
  return out;
}

/** Where a client sees Spark's caret in main.ts, or null. */
function sparkHead(client: YjsClient, state: AwarenessState): number | null {
  if (state.file !== 'main.ts' || !state.selection) return null;
  const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(state.selection.head), client.doc);
  return position?.index ?? null;
}

/** The caret at `index` of main.ts, as a page sends it with a completion request. */
const caretAt = (client: YjsClient, index: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(client.text(), index));

describe('one Spark per room across instances', () => {
  let schema: TestSchema;
  let prefix: string;
  /** Instance one reaches Redis through this proxy, so the test can cut it off from the cluster. */
  let redisLink: TcpProxy;
  let one: InProcessServer;
  let two: InProcessServer;
  let room: TestRoom;
  let adaIdentity: string;
  const clients: YjsClient[] = [];
  const ais: AiTestClient[] = [];

  beforeAll(async () => {
    const redis = new URL(TEST_REDIS_URL);
    [schema, redisLink] = await Promise.all([createTestSchema(), startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) })]);
    prefix = testRedisPrefix();
    const env = { SPARKPAD_DATABASE_URL: schema.url, SPARKPAD_REDIS_PREFIX: prefix, SPARKPAD_SPARK_LEASE_MS: LEASE_MS };
    one = await startInProcess({ env: { ...env, SPARKPAD_REDIS_URL: `redis://127.0.0.1:${redisLink.port}` } });
    two = await startInProcess({ env: { ...env, SPARKPAD_REDIS_URL: TEST_REDIS_URL } });
    room = await createRoomInDatabase(schema.url);
    adaIdentity = (await issueIdentity(one.url, room.room, room.editToken)).identity;
  });
  afterAll(async () => {
    for (const ai of ais) ai.close();
    for (const client of clients) client.destroy();
    await Promise.all([one?.close(), two?.close()]);
    await redisLink?.close();
    await schema?.drop();
    await dropRedisPrefix(prefix);
  });

  it('shows one Spark to everyone, its cursor where it suggests, whichever instance serves the suggestion', async () => {
    const onOne = connectClient(one.wsUrl, room.room, room.editToken);
    const onTwo = connectClient(two.wsUrl, room.room, room.editToken);
    clients.push(onOne, onTwo);
    await Promise.all([synced(onOne), synced(onTwo)]);
    onOne.text().insert(0, FILE);
    await whenDoc(onTwo.doc, () => onTwo.read() === FILE);

    ais.push(await connectAi(one.url, { room: room.room, token: room.editToken, identity: adaIdentity }));
    await until('Spark in both rooms', () => sparks(onOne).length === 1 && sparks(onTwo).length === 1);
    const bo = await connectAi(two.url, { room: room.room, token: room.editToken });
    ais.push(bo);

    const offset = FILE.indexOf('\n') + 1;
    bo.send({ type: 'complete', id: 'c1', file: 'main.ts', language: 'typescript', prefix: FILE.slice(0, offset), suffix: FILE.slice(offset), at: caretAt(onTwo, offset) });
    await bo.next('complete:done', (m) => m.id === 'c1');
    const atBo = (client: YjsClient) => sparks(client).some(({ state }) => sparkHead(client, state) === offset);
    await until("Spark's cursor where it suggests to Bo", () => atBo(onOne) && atBo(onTwo));
    expect(sparks(onOne)).toHaveLength(1);
    expect(sparks(onTwo)).toHaveLength(1);
  });

  it('hands Spark to the other instance when its own is cut off, and undoes an edit the lost instance made', async () => {
    const [onOne, onTwo] = clients as [YjsClient, YjsClient];
    const ada = ais[0]!;
    ada.send({ type: 'edit', id: 'e1', file: 'main.ts', instruction: 'apply', selection: { from: FILE.length, to: FILE.length }, replacement: SPARK_LINE });
    await ada.next('edit:done', (m) => m.id === 'e1');
    await whenDoc(onTwo.doc, () => onTwo.read() === FILE + SPARK_LINE);
    const [lost] = sparks(onTwo);

    redisLink.cut();
    await until('a new Spark on instance two', () => {
      const seen = sparks(onTwo);
      return seen.length === 1 && seen[0]!.clientId !== lost!.clientId;
    });
    // The lost instance steps down too: its own clients do not keep a Spark nobody renews.
    await until('no Spark left on the cut-off instance', () => sparks(onOne).every(({ clientId }) => clientId !== lost!.clientId));

    // Ada's browser reconnects to the surviving instance, as through a load balancer.
    const adaAgain = await connectAi(two.url, { room: room.room, token: room.editToken, identity: adaIdentity });
    ais.push(adaAgain);
    adaAgain.send({ type: 'edit:undo' });
    expect(await adaAgain.next('edit:undone')).toMatchObject({ ok: true });
    await whenDoc(onTwo.doc, () => onTwo.read() === FILE);
    expect(sparks(onTwo)).toHaveLength(1);
  });
});
