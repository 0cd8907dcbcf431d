import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readChat } from '../../lib/shared/document/chat-log';
import { readProposals } from '../../lib/shared/document/proposals';
import { recordRun, type OutputLine } from '../../lib/shared/document/run-log';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import { startInProcess, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDataDir, issueIdentity, type TestRoom } from '../helpers/sessions';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

const CRASH = "const a = 1;\nfunction explode(): never {\n  throw new Error('boom');\n}\nexplode();\n";
const FIXED = "const a = 1;\nfunction explode(): void {\n  console.log('no boom');\n}\nexplode();\n";
const FIX_REPLY = [
  'explode throws on purpose; log instead.',
  'crash.ts',
  '<<<<<<< SEARCH',
  'function explode(): never {',
  "  throw new Error('boom');",
  '=======',
  'function explode(): void {',
  "  console.log('no boom');",
  '>>>>>>> REPLACE',
].join('\n');
/** The run's error output exactly as the sandbox's runtime writes it. */
const CRASH_OUTPUT: OutputLine[] = [
  { level: 'error', text: 'Uncaught Error: boom (crash.ts:3)\n    at explode (crash.ts:3:9)\n    at crash.ts:5:1' },
  { level: 'system', text: 'crash.ts exited with an error in 4 ms' },
];

describe('Fix with Spark, from a run in the document', () => {
  let sim: ModelSimulator;
  let server: InProcessServer;
  let room: TestRoom;
  /** Ada's browser: her document connection (which records runs) and her Spark connection. */
  let adaDoc: YjsClient;
  let ada: AiTestClient;
  let viewer: AiTestClient;
  let runs = 0;

  function recordAs(status: 'ok' | 'error', output: OutputLine[], rerunOf?: string): string {
    const id = `run-${++runs}`;
    recordRun(adaDoc.doc, { id, by: 'Ada', color: '#22c55e', file: 'crash.ts', startedAt: Date.now(), durationMs: 4, status, output, ...(rerunOf ? { rerunOf } : {}) });
    return id;
  }

  /** Records a run and waits until the server's room has it (a Spark request reads the room, not Ada's copy). */
  async function recordedRun(status: 'ok' | 'error', output: OutputLine[]): Promise<string> {
    const id = recordAs(status, output);
    const check = connectClient(server.wsUrl, room.room, room.editToken);
    await whenDoc(check.doc, () => check.doc.getArray('runs').toArray().some((r) => (r as { id: string }).id === id));
    check.destroy();
    return id;
  }

  beforeAll(async () => {
    sim = await startModelSimulator();
    server = await startInProcess({ env: { SPARKPAD_DEEP_URL: sim.url } });
    room = await createRoomInDataDir(server.dataDir);
    const identity = await issueIdentity(server.url, room.room, room.editToken);
    adaDoc = connectClient(server.wsUrl, room.room, room.editToken, undefined, identity.identity);
    await synced(adaDoc);
    adaDoc.text('crash.ts').insert(0, CRASH);
    ada = await connectAi(server.url, { room: room.room, token: room.editToken, identity: identity.identity });
    viewer = await connectAi(server.url, { room: room.room, token: room.viewToken });
  });
  afterAll(async () => {
    ada?.close();
    viewer?.close();
    adaDoc?.destroy();
    await server?.close();
    await sim?.close();
  });

  it('asks the model with the error, the stack’s lines and the code from the document, and proposes the fix', async () => {
    const runId = await recordedRun('error', CRASH_OUTPUT);
    sim.setBehaviour({ response: FIX_REPLY });
    ada.send({ type: 'run:fix', id: 'fix-1', run: runId });
    const ready = await ada.next('run:fix:ready', (m) => m.id === 'fix-1');
    expect(ready).toMatchObject({ proposal: 'fix-1', changes: 1 });
    // A proposal: nothing in the file changes until someone accepts it.
    const proposal = readProposals(adaDoc.doc).find((p) => p.id === 'fix-1')!;
    expect(proposal).toMatchObject({ title: 'Fix crash.ts: Error: boom (crash.ts:3)', status: 'ready' });
    expect(proposal.hunks.map((h) => h.added).join('')).toContain("console.log('no boom');");
    expect(adaDoc.read('crash.ts')).toBe(CRASH);

    const prompt = (sim.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;
    expect(prompt).toContain('Running crash.ts failed with an uncaught error:\n\nError: boom (crash.ts:3)');
    expect(prompt).toContain("Stack, with the line each frame is at:\n  crash.ts:3 (explode): throw new Error('boom');\n  crash.ts:5: explode();");
    expect(prompt).toContain(`crash.ts:\n\`\`\`\n${CRASH}`);
    expect(prompt).toContain('<<<<<<< SEARCH');
  });

  it('runs nothing again until the fix is accepted; accepting types it in', async () => {
    expect(ada.inbox.some((m) => m.type === 'run:again')).toBe(false);
    ada.send({ type: 'proposal:accept', id: 'accept-1', proposal: 'fix-1', hunk: null });
    await ada.next('proposal:done', (m) => m.id === 'accept-1');
    await whenDoc(adaDoc.doc, () => adaDoc.read('crash.ts') === FIXED);
  });

  it('asks the browser that ran the file to run it again, and says in the chat that it passes now', async () => {
    const again = await ada.next('run:again', (m) => m.id === 'fix-1');
    expect(again.file).toBe('crash.ts');
    // Spark's place in the document once the fix was typed: a copy that has it has the fix.
    await whenDoc(adaDoc.doc, () => Y.getState(adaDoc.doc.store, again.after.client) >= again.after.clock);
    expect(adaDoc.read('crash.ts')).toBe(FIXED);
    // Another editor's record claiming to be the check is not the check: Spark asked Ada's browser.
    const bo = connectClient(server.wsUrl, room.room, room.editToken, undefined, (await issueIdentity(server.url, room.room, room.editToken)).identity);
    await synced(bo);
    recordRun(bo.doc, { id: 'forged', by: 'Bo', color: '#3b82f6', file: 'crash.ts', startedAt: Date.now(), durationMs: 1, status: 'ok', output: [], rerunOf: again.id });
    await whenDoc(adaDoc.doc, () => adaDoc.doc.getArray('runs').toArray().some((r) => (r as { id: string }).id === 'forged'));
    bo.destroy();
    recordAs('ok', [{ level: 'log', text: 'no boom' }], again.id);
    await whenDoc(adaDoc.doc, () => readChat(adaDoc.doc).some((m) => m.id === 'fix-1:answer' && m.text.includes('passes now')));
    const [question, answer] = readChat(adaDoc.doc).filter((m) => m.id.startsWith('fix-1'));
    expect(question!.text).toBe('Fix crash.ts: Error: boom (crash.ts:3)');
    expect(answer!.text).toContain('explode throws on purpose; log instead.');
    expect(answer!.text).toContain('Proposed a fix: 1 change in crash.ts. Accept it and Spark runs crash.ts again.');
    expect(answer!.text).toContain('Running crash.ts again in Ada’s browser…');
    expect(answer!.text).toContain('✓ crash.ts passes now (run by Ada).');
    expect(answer!.text).not.toContain('Bo');
  });

  it('asks for no rerun when the fix is rejected, and says so in the chat', async () => {
    adaDoc.text('crash.ts').delete(0, adaDoc.read('crash.ts').length);
    adaDoc.text('crash.ts').insert(0, CRASH);
    const runId = await recordedRun('error', CRASH_OUTPUT);
    sim.setBehaviour({ response: FIX_REPLY });
    ada.send({ type: 'run:fix', id: 'fix-2', run: runId });
    await ada.next('run:fix:ready', (m) => m.id === 'fix-2');
    ada.send({ type: 'proposal:reject', id: 'reject-2', proposal: 'fix-2', hunk: null });
    await ada.next('proposal:done', (m) => m.id === 'reject-2');
    await whenDoc(adaDoc.doc, () => readChat(adaDoc.doc).some((m) => m.id === 'fix-2:answer' && m.text.endsWith('The fix was rejected.')));
    expect(ada.inbox.some((m) => m.type === 'run:again' && m.id === 'fix-2')).toBe(false);
    expect(adaDoc.read('crash.ts')).toBe(CRASH);
  });

  it('refuses a second fix of a run while its first is still proposed, and takes one once that was rejected', async () => {
    const runId = await recordedRun('error', CRASH_OUTPUT);
    sim.setBehaviour({ response: FIX_REPLY });
    ada.send({ type: 'run:fix', id: 'fix-3', run: runId });
    await ada.next('run:fix:ready', (m) => m.id === 'fix-3');
    const asked = sim.requests.length;
    const chat = readChat(adaDoc.doc).length;
    ada.send({ type: 'run:fix', id: 'fix-3-again', run: runId });
    expect(await ada.next('run:fix:error', (m) => m.id === 'fix-3-again')).toMatchObject({ error: { code: 'ALREADY_FIXING' } });
    expect(sim.requests.length).toBe(asked);
    expect(readChat(adaDoc.doc).length).toBe(chat);
    expect(readProposals(adaDoc.doc).filter((p) => p.status === 'ready' && p.hunks.some((h) => h.state === 'pending'))).toHaveLength(1);

    ada.send({ type: 'proposal:reject', id: 'reject-3', proposal: 'fix-3', hunk: null });
    await ada.next('proposal:done', (m) => m.id === 'reject-3');
    await whenDoc(adaDoc.doc, () => readChat(adaDoc.doc).some((m) => m.id === 'fix-3:answer' && m.text.endsWith('The fix was rejected.')));
    ada.send({ type: 'run:fix', id: 'fix-3-later', run: runId });
    await ada.next('run:fix:ready', (m) => m.id === 'fix-3-later');
    ada.send({ type: 'proposal:reject', id: 'reject-3-later', proposal: 'fix-3-later', hunk: null });
    await ada.next('proposal:done', (m) => m.id === 'reject-3-later');
  });

  it('refuses a view-only link before any model is asked or anything is written', async () => {
    const runId = await recordedRun('error', CRASH_OUTPUT);
    const asked = sim.requests.length;
    const chat = readChat(adaDoc.doc).length;
    viewer.send({ type: 'run:fix', id: 'fix-v', run: runId });
    expect(await viewer.next('run:fix:error', (m) => m.id === 'fix-v')).toMatchObject({ error: { code: 'READ_ONLY' } });
    expect(sim.requests.length).toBe(asked);
    expect(readChat(adaDoc.doc).length).toBe(chat);
  });

  it('refuses a run that passed and a run that is not in the log', async () => {
    const passed = await recordedRun('ok', [{ level: 'log', text: 'fine' }]);
    ada.send({ type: 'run:fix', id: 'fix-ok', run: passed });
    expect(await ada.next('run:fix:error', (m) => m.id === 'fix-ok')).toMatchObject({ error: { code: 'RUN_DID_NOT_FAIL' } });
    ada.send({ type: 'run:fix', id: 'fix-none', run: 'no-such-run' });
    expect(await ada.next('run:fix:error', (m) => m.id === 'fix-none')).toMatchObject({ error: { code: 'RUN_NOT_FOUND' } });
  });

  it('reports a block that no longer matches the file by name, and changes nothing', async () => {
    // Someone already changed the lines the model quotes.
    adaDoc.text('crash.ts').delete(0, adaDoc.read('crash.ts').length);
    adaDoc.text('crash.ts').insert(0, FIXED);
    const runId = await recordedRun('error', CRASH_OUTPUT);
    const before = adaDoc.read('crash.ts');
    sim.setBehaviour({ response: FIX_REPLY });
    ada.send({ type: 'run:fix', id: 'fix-stale', run: runId });
    const refused = await ada.next('run:fix:error', (m) => m.id === 'fix-stale');
    expect(refused.error).toMatchObject({ code: 'FIX_NOT_APPLICABLE', message: expect.stringContaining('crash.ts block 1: its SEARCH text is not in crash.ts') });
    expect(adaDoc.read('crash.ts')).toBe(before);
  });
});
