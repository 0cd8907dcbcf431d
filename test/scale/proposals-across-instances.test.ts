import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProposals } from '../../lib/shared/document/proposals';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import { clusterForTheseTests } from '../helpers/cluster';
import type { ServerProcess } from '../helpers/server-process';
import { issueIdentity } from '../helpers/sessions';
import { synced, whenDoc } from '../helpers/yjs-client';

const FILE = 'const a = 1;\nconst b = 2;\nconst c = 3;\n';
const REWRITE = 'const a = 1;\nconst b = 20;\nconst c = 3;\n';

describe('a proposal across instances', () => {
  let sim: ModelSimulator;
  // Read when the cluster starts, after the simulator (registered first) is listening.
  const env: Record<string, string> = { SPARKPAD_DEEP_MODEL: 'sim', SPARKPAD_DEEP_FORMAT: 'chat' };
  beforeAll(async () => {
    sim = await startModelSimulator({ behaviour: { response: REWRITE } });
    env.SPARKPAD_DEEP_URL = sim.url;
  });
  afterAll(() => sim.close());
  const scaled = clusterForTheseTests(2, { env });

  /** A new room holding FILE, a document client on each instance, and an identity for its asker. */
  async function roomWithFile() {
    const [first, second] = scaled.cluster.instances as [ServerProcess, ServerProcess];
    const { room, editToken } = await scaled.cluster.createRoom();
    const writer = scaled.connect(first, room, editToken);
    const watcher = scaled.connect(second, room, editToken);
    await Promise.all([synced(writer), synced(watcher)]);
    writer.text('main.ts').insert(0, FILE);
    await whenDoc(watcher.doc, () => watcher.read('main.ts') === FILE);
    const { identity } = await issueIdentity(first.url, room, editToken);
    return { first, second, room, editToken, writer, watcher, identity };
  }

  it('made on one instance is seen on the other and accepted there by its asker', async () => {
    const { first, second, room, editToken, writer, watcher, identity } = await roomWithFile();
    const onFirst = await connectAi(first.url, { room, token: editToken, identity });
    onFirst.send({ type: 'edit', id: 'p1', file: 'main.ts', instruction: 'b is 20', selection: { from: 0, to: FILE.length }, propose: true });
    await whenDoc(watcher.doc, () => readProposals(watcher.doc)[0]?.status === 'ready');
    const [hunk] = readProposals(watcher.doc)[0]!.hunks;
    expect(hunk).toMatchObject({ removed: 'const b = 2;\n', added: 'const b = 20;\n', state: 'pending' });
    const onSecond = await connectAi(second.url, { room, token: editToken, identity });
    onSecond.send({ type: 'proposal:accept', id: 'a1', proposal: 'p1', hunk: null });
    expect(await onSecond.next('proposal:done', (m) => m.id === 'a1')).toMatchObject({ decided: 1 });
    await whenDoc(writer.doc, () => writer.read('main.ts') === REWRITE);
    onFirst.close();
    onSecond.close();
  });

  it('is typed once when its asker accepts it on both instances at the same moment', async () => {
    const { first, second, room, editToken, writer, watcher, identity } = await roomWithFile();
    const [onFirst, onSecond] = await Promise.all([first, second].map((instance) => connectAi(instance.url, { room, token: editToken, identity })));
    onFirst!.send({ type: 'edit', id: 'p2', file: 'main.ts', instruction: 'b is 20', selection: { from: 0, to: FILE.length }, propose: true });
    await Promise.all([writer, watcher].map((client) => whenDoc(client.doc, () => readProposals(client.doc)[0]?.status === 'ready')));
    // Each instance has the proposal pending when the accepts arrive.
    onFirst!.send({ type: 'proposal:accept', id: 'a-first', proposal: 'p2', hunk: null });
    onSecond!.send({ type: 'proposal:accept', id: 'a-second', proposal: 'p2', hunk: null });
    const answer = (client: AiTestClient, id: string) =>
      client.nextMatching((m) => (m.type === 'proposal:done' || m.type === 'proposal:error') && m.id === id, `the answer to ${id}`);
    const answers = await Promise.all([answer(onFirst!, 'a-first'), answer(onSecond!, 'a-second')]);
    // One typed it; the other found it decided.
    expect(answers.map((a) => (a.type === 'proposal:done' ? a.decided : a.type)).sort()).toEqual([0, 1]);
    await whenDoc(writer.doc, () => writer.read('main.ts') === REWRITE);
    await whenDoc(watcher.doc, () => watcher.read('main.ts') === REWRITE);
    // Whatever typing was still on its way has arrived once both have the proposal decided.
    await whenDoc(writer.doc, () => readProposals(writer.doc)[0]!.hunks.every((h) => h.state === 'accepted'));
    expect(writer.read('main.ts')).toBe(REWRITE);
    onFirst!.close();
    onSecond!.close();
  });
});
