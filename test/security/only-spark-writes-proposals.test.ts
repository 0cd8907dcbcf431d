import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { proposalsOf, readProposals } from '../../lib/shared/document/proposals';
import { REFUSAL } from '../../lib/shared/protocol/refusals';
import { proposeChanges } from '../../server/ai/spark/proposals/propose-changes';
import { inProcessServerForTheseTests } from '../helpers/server-per-test';
import { openRawYjsSocket } from '../helpers/raw-yjs-socket';
import { createRoomInDataDir } from '../helpers/sessions';
import { nextClose, whenDoc } from '../helpers/yjs-client';

const FILE = 'const a = 1;\nconst b = 2;\n';
const REFUSED = { code: REFUSAL.BAD_DOCUMENT_ENTRY, reason: 'BAD_DOCUMENT_ENTRY' };
const ASKER = { askerId: 'ada', askerName: 'Ada', askerColor: '#22c55e', title: 'rename b' };

describe('only the server’s Spark writes proposals', () => {
  const shared = inProcessServerForTheseTests();
  const connect = shared.join;

  /** A room holding one Spark proposal, an editor who will try to tamper with it, and a way to look later. */
  async function roomWithProposal() {
    const room = await createRoomInDataDir(shared.server().dataDir);
    const attacker = await connect(room.room, room.editToken);
    attacker.provider.on('connection-close', () => (attacker.provider.shouldConnect = false));
    attacker.text('main.ts').insert(0, FILE);
    const spark = await shared.server().server.rooms.hold(room.room);
    await whenDoc(spark.doc, () => spark.doc.getMap('files').has('main.ts'));
    const proposed = proposeChanges(spark, { id: 'p1', ...ASKER }, [{ kind: 'replace', file: 'main.ts', from: 13, to: 26, text: 'const c = 2;\n' }]);
    expect(proposed).toEqual({ ok: true });
    await whenDoc(attacker.doc, () => readProposals(attacker.doc).length === 1);
    const late = async () => readProposals((await connect(room.room, room.editToken)).doc);
    return { room, attacker, spark, late, release: () => shared.server().server.rooms.release(spark) };
  }

  it('refuses a well-formed proposal pushed by a browser, and nobody ever sees it', async () => {
    const room = await createRoomInDataDir(shared.server().dataDir);
    const attacker = await connect(room.room, room.editToken);
    attacker.provider.on('connection-close', () => (attacker.provider.shouldConnect = false));
    const closed = nextClose(attacker);
    const forged = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ id: 'forged', ...ASKER, at: 1, status: 'ready', note: null })) forged.set(key, value);
    forged.set('hunks', new Y.Array());
    proposalsOf(attacker.doc).push([forged]);
    expect(await closed).toEqual(REFUSED);
    expect(readProposals((await connect(room.room, room.editToken)).doc)).toEqual([]);
  });

  it('refuses a browser accepting a hunk by writing its state', async () => {
    const { attacker, late, release } = await roomWithProposal();
    const closed = nextClose(attacker);
    const hunk = (proposalsOf(attacker.doc).get(0).get('hunks') as Y.Array<Y.Map<unknown>>).get(0);
    hunk.set('state', 'accepted');
    expect(await closed).toEqual(REFUSED);
    expect((await late())[0]!.hunks[0]!.state).toBe('pending');
    release();
  });

  it('refuses a browser rewriting the proposed text', async () => {
    const { attacker, late, release } = await roomWithProposal();
    const closed = nextClose(attacker);
    const hunk = (proposalsOf(attacker.doc).get(0).get('hunks') as Y.Array<Y.Map<unknown>>).get(0);
    (hunk.get('added') as Y.Text).insert(0, 'process.exit(1);\n');
    expect(await closed).toEqual(REFUSED);
    expect((await late())[0]!.hunks[0]!.added).toBe('const c = 2;\n');
    release();
  });

  it('refuses a browser deleting a proposal', async () => {
    const { attacker, late, release } = await roomWithProposal();
    const closed = nextClose(attacker);
    proposalsOf(attacker.doc).delete(0, 1);
    expect(await closed).toEqual(REFUSED);
    expect(await late()).toHaveLength(1);
    release();
  });

  it('takes a sync answer’s typing but never the proposal forged beside it', async () => {
    const room = await createRoomInDataDir(shared.server().dataDir);
    const forger = new Y.Doc();
    forger.getMap<Y.Text>('files').set('main.ts', new Y.Text(FILE));
    const forged = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ id: 'forged', ...ASKER, at: 1, status: 'ready', note: null })) forged.set(key, value);
    forged.set('hunks', new Y.Array());
    proposalsOf(forger).push([forged]);
    forger.getMap<Y.Text>('files').get('main.ts')!.insert(0, '// after the forgery\n');
    const socket = await openRawYjsSocket(shared.server().wsUrl, room.room, room.editToken);
    socket.sendSyncAnswer(Y.encodeStateAsUpdate(forger));
    const watcher = await connect(room.room, room.editToken);
    await whenDoc(watcher.doc, () => watcher.read('main.ts') === `// after the forgery\n${FILE}`);
    expect(readProposals(watcher.doc)).toEqual([]);
    socket.close();
  });

  it('takes a sync answer’s edits but not its deletion of a proposal', async () => {
    const { room, attacker, spark, late, release } = await roomWithProposal();
    // A character Spark writes after the proposal: deleting it and the proposal is one range of Spark's clocks.
    spark.doc.getMap<Y.Text>('files').get('main.ts')!.insert(0, 'X');
    await whenDoc(attacker.doc, () => attacker.read('main.ts') === `X${FILE}`);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(attacker.doc));
    proposalsOf(copy).delete(0, 1);
    const text = copy.getMap<Y.Text>('files').get('main.ts')!;
    text.delete(0, 1);
    text.insert(0, '// hi\n');
    const socket = await openRawYjsSocket(shared.server().wsUrl, room.room, room.editToken);
    socket.sendSyncAnswer(Y.encodeStateAsUpdate(copy, Y.encodeStateVector(attacker.doc)));
    const watcher = await connect(room.room, room.editToken);
    await whenDoc(watcher.doc, () => watcher.read('main.ts') === `// hi\n${FILE}`);
    expect(readProposals(watcher.doc)).toHaveLength(1);
    expect(await late()).toHaveLength(1);
    socket.close();
    release();
  });

  it('still takes the same browser’s typing in the file the proposal is about', async () => {
    const { room, attacker, release } = await roomWithProposal();
    attacker.text('main.ts').insert(0, '// hi\n');
    const watcher = await connect(room.room, room.editToken);
    await whenDoc(watcher.doc, () => watcher.read('main.ts') === `// hi\n${FILE}`);
    expect(readProposals(watcher.doc)).toHaveLength(1);
    expect(attacker.provider.wsconnected).toBe(true);
    release();
  });
});
