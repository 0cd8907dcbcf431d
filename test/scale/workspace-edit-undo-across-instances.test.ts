import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { connectAi } from '../helpers/ai-client';
import { startInProcess, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDatabase, createTestSchema, type TestSchema } from '../helpers/postgres';
import { dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../helpers/redis';
import { issueIdentity, type TestRoom } from '../helpers/sessions';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

const A = 'export const a = 1;\n';
const B = 'import { a } from "./a";\nconsole.log(a);\n';
const ANSWER = [
  'a.ts\n<<<<<<< SEARCH\nexport const a = 1;\n=======\nexport const alpha = 1;\n>>>>>>> REPLACE\n',
  'b.ts\n<<<<<<< SEARCH\nconsole.log(a);\n=======\nconsole.log(alpha);\n>>>>>>> REPLACE\n',
  'c.ts\n<<<<<<< SEARCH\n=======\nexport const c = 3;\n>>>>>>> REPLACE\n',
].join('\n');

describe('a Spark edit across files, undone on another instance', () => {
  let sim: ModelSimulator;
  let schema: TestSchema;
  let prefix: string;
  let one: InProcessServer;
  let two: InProcessServer;
  let room: TestRoom;
  let watcher: YjsClient;

  beforeAll(async () => {
    sim = await startModelSimulator({ behaviour: { response: ANSWER } });
    schema = await createTestSchema();
    prefix = testRedisPrefix();
    const env = { SPARKPAD_DATABASE_URL: schema.url, SPARKPAD_REDIS_PREFIX: prefix, SPARKPAD_REDIS_URL: TEST_REDIS_URL, SPARKPAD_FAST_URL: sim.url, SPARKPAD_DEEP_URL: sim.url };
    [one, two] = await Promise.all([startInProcess({ env }), startInProcess({ env })]);
    room = await createRoomInDatabase(schema.url);
    watcher = connectClient(two.wsUrl, room.room, room.editToken);
    await synced(watcher);
    watcher.text('a.ts').insert(0, A);
    watcher.text('b.ts').insert(0, B);
  });
  afterAll(async () => {
    watcher?.destroy();
    await Promise.all([one?.close(), two?.close()]);
    await schema?.drop();
    await dropRedisPrefix(prefix);
    await sim?.close();
  });

  it('takes back every file and the created one, as one step, from the instance that did not make it', async () => {
    const { identity } = await issueIdentity(one.url, room.room, room.editToken);
    const onOne = await connectAi(one.url, { room: room.room, token: room.editToken, identity });
    onOne.send({ type: 'edit:workspace', id: 'w1', instruction: 'rename a to alpha, add c', file: 'a.ts' });
    expect(await onOne.next('edit:done', (m) => m.id === 'w1')).toMatchObject({ stopped: null, stale: [], applied: 3 });
    await whenDoc(watcher.doc, () => watcher.read('c.ts') === 'export const c = 3;\n' && watcher.read('b.ts').includes('alpha'));
    onOne.close();

    const onTwo = await connectAi(two.url, { room: room.room, token: room.editToken, identity });
    onTwo.send({ type: 'edit:undo' });
    expect(await onTwo.next('edit:undone')).toMatchObject({ ok: true });
    await whenDoc(watcher.doc, () => watcher.read('a.ts') === A && watcher.read('b.ts') === B && !watcher.doc.getMap('files').has('c.ts'));
    onTwo.close();
  });
});
