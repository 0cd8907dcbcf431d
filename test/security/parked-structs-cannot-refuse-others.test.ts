import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readProposals } from '../../lib/shared/document/proposals';
import { REFUSAL } from '../../lib/shared/protocol/refusals';
import { proposeChanges } from '../../server/ai/spark/proposals/propose-changes';
import { encodeDeletions } from '../../server/collab/core/encode-structs';
import { openRawYjsSocket } from '../helpers/raw-yjs-socket';
import { inProcessServerForTheseTests } from '../helpers/server-per-test';
import { createRoomInDataDir } from '../helpers/sessions';
import { nextClose, whenDoc } from '../helpers/yjs-client';

const FILE = 'const a = 1;\nconst b = 2;\n';
const ASKER = { askerId: 'ada', askerName: 'Ada', askerColor: '#22c55e', title: 'rename b' };

describe('what one connection parked cannot get another’s updates refused', () => {
  // No time bound to speak of: what is parked stays parked for the whole test, whatever the machine's load.
  const shared = inProcessServerForTheseTests({ env: { SPARKPAD_MAX_PARKED_UPDATE_MS: '600000' } });

  it('takes an editor’s typing while another holds a parked deletion of Spark’s next writes, and closes that one', async () => {
    const room = await createRoomInDataDir(shared.server().dataDir);
    const editor = await shared.join(room.room, room.editToken);
    editor.provider.on('connection-close', () => (editor.provider.shouldConnect = false));
    editor.text('main.ts').insert(0, FILE);
    const spark = await shared.server().server.rooms.hold(room.room);
    await whenDoc(spark.doc, () => spark.doc.getMap('files').has('main.ts'));

    // Deletions of clocks Spark has not written yet wait, parked, until those structs exist.
    const attacker = await openRawYjsSocket(shared.server().wsUrl, room.room, room.editToken);
    const next = Y.getState(spark.doc.store, spark.doc.clientID);
    attacker.sendUpdate(encodeDeletions(new Map([[spark.doc.clientID, [{ clock: next, len: 10_000 }]]])));
    const marker = new Y.Doc();
    marker.getMap<Y.Text>('files').set('marker.ts', new Y.Text('m'));
    attacker.sendUpdate(Y.encodeStateAsUpdate(marker));
    await whenDoc(spark.doc, () => spark.doc.getMap('files').has('marker.ts'));

    const proposed = proposeChanges(spark, { id: 'p1', ...ASKER }, [{ kind: 'replace', file: 'main.ts', from: 13, to: 26, text: 'const c = 2;\n' }]);
    expect(proposed).toEqual({ ok: true });
    await whenDoc(editor.doc, () => readProposals(editor.doc).length === 1);

    const refused = nextClose(editor).then((close) => `refused: ${close.reason}`);
    editor.text('main.ts').insert(0, '// hi\n');
    const watcher = await shared.join(room.room, room.editToken);
    const typed = whenDoc(watcher.doc, () => watcher.read('main.ts') === `// hi\n${FILE}`).then(() => 'taken');
    expect(await Promise.race([typed, refused])).toBe('taken');
    expect(await attacker.closed).toEqual({ code: REFUSAL.BAD_DOCUMENT_ENTRY, reason: 'BAD_DOCUMENT_ENTRY' });
    expect(readProposals(watcher.doc)).toHaveLength(1);
    shared.server().server.rooms.release(spark);
  });
});
