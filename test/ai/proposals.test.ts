import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeHunk, readProposals, type Proposal } from '../../lib/shared/document/proposals';
import { proposeChanges } from '../../server/ai/spark/proposals/propose-changes';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import { startInProcess, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDataDir, type TestRoom } from '../helpers/sessions';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

const FILE = ['function area(r) {', '  return 3.14 * r * r;', '}', '', 'function perimeter(r) {', '  return 2 * 3.14 * r;', '}', ''].join('\n');
const REWRITE = ['function area(r) {', '  return Math.PI * r * r;', '}', '', 'function perimeter(r) {', '  return 2 * Math.PI * r;', '}', ''].join('\n');

describe('Spark proposes an edit to the room instead of typing it', () => {
  let sim: ModelSimulator;
  let server: InProcessServer;
  const closers: Array<() => void> = [];
  beforeAll(async () => {
    sim = await startModelSimulator({ behaviour: { response: REWRITE, tokensPerSecond: 400 } });
    server = await startInProcess({ env: { SPARKPAD_DEEP_URL: sim.url, SPARKPAD_DEEP_MODEL: 'sim', SPARKPAD_DEEP_FORMAT: 'chat' } });
  });
  afterAll(async () => {
    for (const close of closers.splice(0)) close();
    await server.close();
    await sim.close();
  });

  async function editor(room: TestRoom): Promise<YjsClient> {
    const client = connectClient(server.wsUrl, room.room, room.editToken);
    closers.push(() => client.destroy());
    await synced(client);
    return client;
  }

  async function ai(room: TestRoom, token = room.editToken): Promise<AiTestClient> {
    const client = await connectAi(server.url, { room: room.room, token });
    closers.push(() => client.close());
    return client;
  }

  /** A room whose main.ts holds FILE, Ada's proposal for all of it, and what the room sees. */
  async function proposed(): Promise<{ room: TestRoom; watcher: YjsClient; ada: AiTestClient; proposal: () => Proposal }> {
    const room = await createRoomInDataDir(server.dataDir);
    const watcher = await editor(room);
    watcher.text('main.ts').insert(0, FILE);
    const ada = await ai(room);
    ada.send({ type: 'edit', id: 'p1', file: 'main.ts', instruction: 'use Math.PI', selection: { from: 0, to: FILE.length }, propose: true });
    await ada.next('edit:done', (m) => m.id === 'p1');
    const proposal = () => readProposals(watcher.doc).find((p) => p.id === 'p1')!;
    await whenDoc(watcher.doc, () => proposal()?.status === 'ready');
    return { room, watcher, ada, proposal };
  }

  it('shows the rewrite as one hunk per changed line, and changes nothing in the file', async () => {
    const { watcher, proposal } = await proposed();
    expect(watcher.read('main.ts')).toBe(FILE);
    expect(proposal().hunks.map((h) => [h.removed, h.added, h.state])).toEqual([
      ['  return 3.14 * r * r;\n', '  return Math.PI * r * r;\n', 'pending'],
      ['  return 2 * 3.14 * r;\n', '  return 2 * Math.PI * r;\n', 'pending'],
    ]);
    expect(proposal()).toMatchObject({ title: 'use Math.PI', status: 'ready' });
  });

  it('types an accepted hunk and leaves a rejected one: the file ends with exactly what was accepted', async () => {
    const { watcher, ada, proposal } = await proposed();
    const [first, second] = proposal().hunks;
    ada.send({ type: 'proposal:reject', id: 'r1', proposal: 'p1', hunk: second!.id });
    expect(await ada.next('proposal:done', (m) => m.id === 'r1')).toMatchObject({ decided: 1 });
    ada.send({ type: 'proposal:accept', id: 'a1', proposal: 'p1', hunk: first!.id });
    expect(await ada.next('proposal:done', (m) => m.id === 'a1')).toMatchObject({ decided: 1 });
    await whenDoc(watcher.doc, () => watcher.read('main.ts') === FILE.replace('3.14 * r * r', 'Math.PI * r * r'));
    expect(proposal().hunks.map((h) => h.state)).toEqual(['accepted', 'rejected']);
    ada.send({ type: 'edit:undo' });
    expect(await ada.next('edit:undone')).toMatchObject({ ok: true });
    expect(watcher.read('main.ts')).toBe(FILE);
  });

  it('keeps a hunk in place when people type elsewhere, and marks it stale when they type inside it', async () => {
    const { watcher, ada, proposal } = await proposed();
    const text = watcher.text('main.ts');
    text.insert(0, '// geometry\n');
    const [first, second] = proposal().hunks;
    expect(placeHunk(watcher.doc, first!)).toMatchObject({ stale: false, from: FILE.indexOf('  return 3.14') + 12 });
    text.insert(watcher.read('main.ts').indexOf('2 * 3.14') + 1, '.0');
    expect(placeHunk(watcher.doc, second!)).toMatchObject({ stale: true });
    ada.send({ type: 'proposal:accept', id: 'a2', proposal: 'p1', hunk: second!.id });
    expect(await ada.next('proposal:error', (m) => m.id === 'a2')).toMatchObject({ error: { code: 'PROPOSAL_STALE' } });
    ada.send({ type: 'proposal:accept', id: 'a-all', proposal: 'p1', hunk: null });
    expect(await ada.next('proposal:done', (m) => m.id === 'a-all')).toMatchObject({ decided: 1 });
    await whenDoc(watcher.doc, () => watcher.read('main.ts').includes('Math.PI * r * r'));
    expect(watcher.read('main.ts')).toContain('2.0 * 3.14 * r');
  });

  it('lets only the asker act on it unless the room lets every editor; a viewer never', async () => {
    const { room, ada, proposal } = await proposed();
    const hunk = proposal().hunks[0]!.id;
    const viewer = await ai(room, room.viewToken);
    viewer.send({ type: 'proposal:accept', id: 'v1', proposal: 'p1', hunk });
    expect(await viewer.next('proposal:error', (m) => m.id === 'v1')).toMatchObject({ error: { code: 'READ_ONLY' } });
    const bea = await ai(room);
    bea.send({ type: 'proposal:accept', id: 'b1', proposal: 'p1', hunk });
    expect(await bea.next('proposal:error', (m) => m.id === 'b1')).toMatchObject({ error: { code: 'NOT_YOUR_PROPOSAL' } });
    expect(proposal().hunks[0]!.state).toBe('pending');
    await server.server.storage.saveRoomDefaults(room.room, { proposalReviewers: 'editors' });
    viewer.send({ type: 'proposal:reject', id: 'v2', proposal: 'p1', hunk: null });
    expect(await viewer.next('proposal:error', (m) => m.id === 'v2')).toMatchObject({ error: { code: 'READ_ONLY' } });
    bea.send({ type: 'proposal:reject', id: 'b2', proposal: 'p1', hunk: null });
    expect(await bea.next('proposal:done', (m) => m.id === 'b2')).toMatchObject({ decided: 2 });
    void ada;
  });

  it('takes planned changes in several files, a new file among them, as one proposal, accepted as one undo step', async () => {
    const room = await createRoomInDataDir(server.dataDir);
    const watcher = await editor(room);
    watcher.text('main.ts').insert(0, FILE);
    watcher.text('util.ts').insert(0, 'export const TAU = 6.28;\n');
    const spark = await server.server.rooms.hold(room.room);
    await whenDoc(spark.doc, () => spark.doc.getMap('files').has('util.ts') && spark.doc.getMap('files').has('main.ts'));
    const author = { id: 'multi', askerId: 'ada', askerName: 'Ada', askerColor: '#22c55e', title: 'constants' };
    const result = proposeChanges(spark, author, [
      { kind: 'replace', file: 'util.ts', from: 19, to: 23, text: '2 * Math.PI' },
      { kind: 'create', file: 'circle.ts', text: 'export const unit = 1;\n' },
    ]);
    expect(result).toEqual({ ok: true });
    await whenDoc(watcher.doc, () => readProposals(watcher.doc).length === 1);
    expect(readProposals(watcher.doc)[0]!.hunks.map((h) => [h.file, h.kind, h.removed, h.added])).toEqual([
      ['util.ts', 'replace', 'export const TAU = 6.28;\n', 'export const TAU = 2 * Math.PI;\n'],
      ['circle.ts', 'create', '', 'export const unit = 1;\n'],
    ]);
    // Accepting the whole proposal types it across both files as one step, which one undo takes back.
    await server.server.storage.saveRoomDefaults(room.room, { proposalReviewers: 'editors' });
    const bea = await ai(room);
    bea.send({ type: 'proposal:accept', id: 'all', proposal: 'multi', hunk: null });
    expect(await bea.next('proposal:done', (m) => m.id === 'all')).toMatchObject({ decided: 2 });
    await whenDoc(watcher.doc, () => watcher.read('util.ts') === 'export const TAU = 2 * Math.PI;\n' && watcher.read('circle.ts') === 'export const unit = 1;\n');
    bea.send({ type: 'edit:undo' });
    expect(await bea.next('edit:undone')).toMatchObject({ ok: true });
    await whenDoc(watcher.doc, () => watcher.read('util.ts') === 'export const TAU = 6.28;\n' && !watcher.doc.getMap('files').has('circle.ts'));
    server.server.rooms.release(spark);
  });
});
