import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendExchange } from '../../lib/shared/document/chat-log';
import { createFile, deleteFile, renameFile } from '../../lib/shared/document/doc-model';
import { recordRun, type RunRecord } from '../../lib/shared/document/run-log';
import { REFUSAL } from '../../lib/shared/protocol/refusals';
import { inProcessServerForTheseTests } from '../helpers/server-per-test';
import { createRoomInDataDir } from '../helpers/sessions';
import { connectClient, nextClose, whenDoc } from '../helpers/yjs-client';

const GOOD_RUN = {
  id: 'run-1',
  by: 'Ada',
  color: '#22c55e',
  file: 'main.ts',
  startedAt: 1,
  durationMs: 2,
  status: 'ok',
  output: [{ level: 'log', text: 'hello' }],
  truncated: false,
} satisfies RunRecord;

const REFUSED = { code: REFUSAL.BAD_DOCUMENT_ENTRY, reason: 'BAD_DOCUMENT_ENTRY' };

describe('the server keeps the shared document in the shape every browser reads', () => {
  const shared = inProcessServerForTheseTests();
  const connect = shared.join;

  /** An editor and a watcher in a fresh room; the editor stops reconnecting once refused, as the browser does. */
  async function roomWithWatcher() {
    const room = await createRoomInDataDir(shared.server().dataDir);
    const attacker = await connect(room.room, room.editToken);
    attacker.provider.on('connection-close', () => (attacker.provider.shouldConnect = false));
    const watcher = await connect(room.room, room.editToken);
    attacker.text('main.ts').insert(0, 'const a = 1;\n');
    await whenDoc(watcher.doc, () => watcher.read('main.ts') === 'const a = 1;\n');
    const late = () => connect(room.room, room.editToken);
    return { attacker, watcher, late };
  }

  it('accepts a well-formed run, a file and its edits', async () => {
    const { attacker, watcher } = await roomWithWatcher();
    attacker.doc.getArray('runs').push([GOOD_RUN]);
    attacker.text('second.ts').insert(0, 'ok');
    await whenDoc(watcher.doc, () => watcher.doc.getArray('runs').length === 1 && watcher.read('second.ts') === 'ok');
  });

  it('accepts everything the app itself writes, sent whole as a reconnecting browser does', async () => {
    const doc = new Y.Doc();
    createFile(doc, 'a.ts', 'let a = 1;\n');
    createFile(doc, 'b.ts', 'let b = 2;\n');
    renameFile(doc, 'a.ts', 'src/a.ts');
    deleteFile(doc, 'b.ts');
    recordRun(doc, GOOD_RUN);
    const message = { role: 'person', name: 'Ada', color: '#22c55e', at: 1, status: 'done', replyTo: null, context: null, tier: null, note: null } as const;
    const answer = appendExchange(
      doc,
      { ...message, id: 'q1', text: 'why?', context: { file: 'src/a.ts', fromLine: 1, toLine: 1, selected: false } },
      { ...message, id: 'q1:answer', role: 'spark', name: 'Spark', text: '', status: 'streaming', replyTo: 'q1' },
      'spark',
    );
    (answer.get('text') as Y.Text).insert(0, 'Because.');
    answer.set('status', 'done');
    const room = await createRoomInDataDir(shared.server().dataDir);
    const returning = shared.track(connectClient(shared.server().wsUrl, room.room, room.editToken, doc));
    const watcher = await connect(room.room, room.editToken);
    await whenDoc(watcher.doc, () => watcher.doc.getArray('chat').length === 2 && watcher.read('src/a.ts') === 'let a = 1;\n');
    expect(watcher.doc.getArray('runs').length).toBe(1);
    expect(returning.provider.wsconnected).toBe(true);
  });

  it('refuses a run whose output is not an array, and nobody ever sees it', async () => {
    const { attacker, watcher, late } = await roomWithWatcher();
    const closed = nextClose(attacker);
    attacker.doc.getArray('runs').push([{ ...GOOD_RUN, output: 'not an array' }]);
    expect(await closed).toEqual(REFUSED);
    expect(watcher.doc.getArray('runs').length).toBe(0);
    expect((await late()).doc.getArray('runs').length).toBe(0);
  });

  it('refuses a files value that is not a Y.Text', async () => {
    const { attacker, watcher, late } = await roomWithWatcher();
    const closed = nextClose(attacker);
    attacker.doc.getMap('files').set('evil.ts', 'a plain string where a Y.Text belongs');
    expect(await closed).toEqual(REFUSED);
    expect(watcher.doc.getMap('files').has('evil.ts')).toBe(false);
    expect((await late()).doc.getMap('files').has('evil.ts')).toBe(false);
  });

  it('refuses a file holding a map instead of text', async () => {
    const { attacker, late } = await roomWithWatcher();
    const closed = nextClose(attacker);
    attacker.doc.getMap('files').set('evil.ts', new Y.Map());
    expect(await closed).toEqual(REFUSED);
    expect((await late()).doc.getMap('files').has('evil.ts')).toBe(false);
  });

  it('refuses embedded objects and formatting inside a file', async () => {
    const { attacker, late } = await roomWithWatcher();
    const closed = nextClose(attacker);
    attacker.text('main.ts').insertEmbed(0, { image: 'x' });
    expect(await closed).toEqual(REFUSED);
    expect((await late()).read('main.ts')).toBe('const a = 1;\n');
  });

  it('refuses a chat entry that breaks the chat schema', async () => {
    const { attacker, late } = await roomWithWatcher();
    const closed = nextClose(attacker);
    const entry = new Y.Map<unknown>();
    entry.set('role', 'admin');
    entry.set('text', 42);
    attacker.doc.getArray('chat').push([entry]);
    expect(await closed).toEqual(REFUSED);
    expect((await late()).doc.getArray('chat').length).toBe(0);
  });

  it('refuses a top-level structure the document model does not have', async () => {
    const { attacker, late } = await roomWithWatcher();
    const closed = nextClose(attacker);
    attacker.doc.getMap('surprise').set('x', 'y'.repeat(100));
    expect(await closed).toEqual(REFUSED);
    expect((await late()).doc.getMap('surprise').size).toBe(0);
  });
});
