import { describe, expect, it } from 'vitest';
import { lineWriterIds } from '../../lib/shared/document/line-writers';
import { connectAi } from '../helpers/ai-client';
import { roomWriters } from '../helpers/history';
import { until, type InProcessServer } from '../helpers/in-process-server';
import { inProcessServerPerTest } from '../helpers/server-per-test';
import { createRoomInDataDir } from '../helpers/sessions';
import { connectClient, personState, synced, whenDoc } from '../helpers/yjs-client';

const ANA_LINES = 'TODO\nconst area = 3 * radius;\n';
const SPARK_LINE = '// area of a circle';

const fixture = inProcessServerPerTest();
let server: InProcessServer | null = null;


describe('who wrote each line', () => {
  it('names the person or Spark who wrote each line of the text now, in the colour the room shows them in', async () => {
    server = await fixture.start();
    const { room, editToken } = await createRoomInDataDir(server.dataDir);
    const ana = connectClient(server.wsUrl, room, editToken);
    fixture.track(ana);
    await synced(ana);
    ana.provider.awareness.setLocalState(personState('id-ana', 'Ana', { user: { id: 'id-ana', name: 'Ana', color: '#aa3377', kind: 'human' } }));
    ana.text().insert(0, ANA_LINES);
    await until('the server has Ana’s lines', async () => (await server!.server.rooms.open(room)).doc.getMap('files').has('main.ts'));

    const spark = await connectAi(server.url, { room, token: editToken });
    try {
      // Spark writes the comment Ana left a TODO for.
      spark.send({ type: 'edit', id: 'e1', file: 'main.ts', instruction: 'explain it', selection: { from: 0, to: 'TODO'.length }, replacement: SPARK_LINE });
      await spark.next('edit:done', (m) => m.id === 'e1');
    } finally {
      spark.close();
    }
    await whenDoc(ana.doc, () => ana.read() === ANA_LINES.replace('TODO', SPARK_LINE));

    const writers = await roomWriters(server.url, room, editToken);
    const byLine = lineWriterIds(ana.text()).map((client) => writers[String(client)]);
    expect(byLine).toEqual([
      { name: 'Spark', color: '#f5a524', kind: 'spark' },
      { name: 'Ana', color: '#aa3377', kind: 'human' },
    ]);
  });
});
