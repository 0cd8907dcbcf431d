import { beforeAll, describe, expect, it } from 'vitest';
import { readProposals } from '../../lib/shared/document/proposals';
import type { ModelSimulator } from '../../tools/sim/sim-server';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import type { InProcessServer } from '../helpers/in-process-server';
import type { TestRoom } from '../helpers/sessions';
import { workspaceWithAModel } from '../helpers/workspace-with-a-model';
import { whenDoc, type YjsClient } from '../helpers/yjs-client';

const MATH = [
  'export function add(a, b) {',
  '  return a + b;',
  '}',
  '',
  'export function sub(a, b) {',
  '  return a - b;',
  '}',
  '',
].join('\n');
const MAIN = "import { add, sub } from './math';\n\nconsole.log(add(1, 2));\nconsole.log(sub(3, 1));\n";

/** The model's answer: three places in two files, a file created, and one block whose SEARCH is not there. */
const ANSWER = [
  'I will add types, use the formatter, and create it.',
  '',
  'src/math.ts',
  '```ts',
  '<<<<<<< SEARCH',
  'export function add(a, b) {',
  '=======',
  'export function add(a: number, b: number): number {',
  '>>>>>>> REPLACE',
  '```',
  '',
  'src/math.ts',
  '```ts',
  '<<<<<<< SEARCH',
  'export function sub(a, b) {',
  '=======',
  'export function sub(a: number, b: number): number {',
  '>>>>>>> REPLACE',
  '```',
  '',
  'src/main.ts',
  '```ts',
  '<<<<<<< SEARCH',
  'console.log(add(1, 2));',
  '=======',
  'console.log(format(add(1, 2)));',
  '>>>>>>> REPLACE',
  '```',
  '',
  'src/main.ts',
  '```ts',
  '<<<<<<< SEARCH',
  'console.log(mul(2, 3));',
  '=======',
  'console.log(STALE_BLOCK_TEXT);',
  '>>>>>>> REPLACE',
  '```',
  '',
  'src/format.ts',
  '```ts',
  '<<<<<<< SEARCH',
  '=======',
  'export function format(n: number): string {',
  '  return n.toFixed(2);',
  '}',
  '>>>>>>> REPLACE',
  '```',
  '',
].join('\n');

describe('one Spark request edits several places in several files', () => {
  const fixture = workspaceWithAModel({ 'src/math.ts': MATH, 'src/main.ts': MAIN }, (simUrl) => ({ SPARKPAD_FAST_URL: simUrl, SPARKPAD_DEEP_URL: simUrl }));
  let sim: ModelSimulator;
  let server: InProcessServer;
  let room: TestRoom;
  let writer: YjsClient;
  let ada: AiTestClient;
  beforeAll(() => void ({ sim, server, room, writer, ada } = fixture.get()));

  const files = () => ({ math: writer.read('src/math.ts'), main: writer.read('src/main.ts'), format: writer.read('src/format.ts') });

  it('changes three places in two files, creates a third, and reports the stale block by name with nothing of it applied', async () => {
    sim.setBehaviour({ response: ANSWER, tokensPerSecond: 400 });
    const requestsBefore = sim.requests.length;
    ada.send({ type: 'edit:workspace', id: 'w1', instruction: 'Add types to src/math.ts and print through a new formatter', file: 'src/main.ts' });
    expect(await ada.next('edit:started', (m) => m.id === 'w1')).toMatchObject({ file: 'src/main.ts' });
    const done = await ada.next('edit:done', (m) => m.id === 'w1');
    expect(done).toMatchObject({ stopped: null, applied: 4 });
    expect(done.stale).toEqual([
      { file: 'src/main.ts', block: 2, reason: 'NOT_FOUND', message: expect.stringContaining('src/main.ts block 2') },
    ]);
    const expected = {
      math: MATH.replace('add(a, b)', 'add(a: number, b: number): number').replace('sub(a, b)', 'sub(a: number, b: number): number'),
      main: MAIN.replace('console.log(add(1, 2));', 'console.log(format(add(1, 2)));'),
      format: 'export function format(n: number): string {\n  return n.toFixed(2);\n}\n',
    };
    await whenDoc(writer.doc, () => JSON.stringify(files()) === JSON.stringify(expected));
    expect(files()).toEqual(expected);
    expect(JSON.stringify(writer.doc.getMap('files').toJSON())).not.toContain('STALE_BLOCK_TEXT');

    // The model was asked once, in the block format, with the open file and the file the instruction names.
    expect(sim.requests.length).toBe(requestsBefore + 1);
    const prompt = JSON.stringify(sim.requests.at(-1)!.body);
    expect(prompt).toContain('<<<<<<< SEARCH');
    expect(prompt).toContain('console.log(sub(3, 1));');
    expect(prompt).toContain('return a - b;');

    // One undo takes back the whole edit, in every file, and the created file goes.
    ada.send({ type: 'edit:undo' });
    expect(await ada.next('edit:undone')).toMatchObject({ ok: true });
    await whenDoc(writer.doc, () => writer.read('src/math.ts') === MATH && writer.read('src/main.ts') === MAIN && !writer.doc.getMap('files').has('src/format.ts'));
    expect(files()).toEqual({ math: MATH, main: MAIN, format: '' });
  });

  it('proposes instead of writing: one proposal over both files and the created one, the stale block named, no text changed', async () => {
    sim.setBehaviour({ response: ANSWER, tokensPerSecond: 0 });
    ada.send({ type: 'edit:workspace', id: 'p1', instruction: 'Add types and a formatter', file: 'src/main.ts', propose: true });
    const done = await ada.next('edit:done', (m) => m.id === 'p1');
    expect(done).toMatchObject({ stopped: null, applied: 0, stale: [{ file: 'src/main.ts', block: 2, reason: 'NOT_FOUND' }] });
    await whenDoc(writer.doc, () => readProposals(writer.doc).some((p) => p.id === 'p1' && p.status === 'ready'));
    const proposal = readProposals(writer.doc).find((p) => p.id === 'p1')!;
    expect(new Set(proposal.hunks.map((h) => h.file))).toEqual(new Set(['src/math.ts', 'src/main.ts', 'src/format.ts']));
    expect(proposal.hunks.find((h) => h.kind === 'create')).toMatchObject({ file: 'src/format.ts', added: expect.stringContaining('toFixed(2)') });
    expect(JSON.stringify(proposal)).not.toContain('STALE_BLOCK_TEXT');
    expect(proposal.note).toContain('src/main.ts block 2');
    expect(files()).toEqual({ math: MATH, main: MAIN, format: '' });
  });

  it('refuses a block naming a path the file tree would refuse, and creates nothing', async () => {
    const bad = '../outside.ts\n<<<<<<< SEARCH\n=======\nexport const x = 1;\n>>>>>>> REPLACE\n';
    sim.setBehaviour({ response: bad, tokensPerSecond: 0 });
    const before = [...writer.doc.getMap('files').keys()].sort();
    ada.send({ type: 'edit:workspace', id: 'w2', instruction: 'create a file outside the workspace', file: 'src/main.ts' });
    const done = await ada.next('edit:done', (m) => m.id === 'w2');
    expect(done).toMatchObject({ stopped: null, applied: 0 });
    expect(done.stale).toEqual([{ file: '../outside.ts', block: 1, reason: 'BAD_FILE_NAME', message: expect.stringContaining('".."') }]);
    expect([...writer.doc.getMap('files').keys()].sort()).toEqual(before);
  });

  it('refuses a view-only link before any model is asked or anything changes', async () => {
    const viewer = await connectAi(server.url, { room: room.room, token: room.viewToken });
    sim.setBehaviour({ response: ANSWER });
    const requestsBefore = sim.requests.length;
    viewer.send({ type: 'edit:workspace', id: 'v1', instruction: 'Add types everywhere', file: 'src/main.ts' });
    expect(await viewer.next('edit:error', (m) => m.id === 'v1')).toMatchObject({ error: { code: 'READ_ONLY' } });
    expect(viewer.inbox.some((m) => m.type === 'edit:started')).toBe(false);
    expect(sim.requests.length).toBe(requestsBefore);
    expect(files()).toEqual({ math: MATH, main: MAIN, format: '' });
    viewer.close();
  });
});
