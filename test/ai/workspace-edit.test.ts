import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { awarenessStateSchema } from '../../lib/shared/protocol/awareness';
import type { ServerMessage } from '../../lib/shared/protocol/ai';
import { AiRouter } from '../../server/ai/routing/router';
import { planBlocks } from '../../server/ai/spark/blocks/block-planner';
import { sparkEditRecordSchema } from '../../server/ai/spark/edit-record';
import type { SparkCluster } from '../../server/ai/spark/spark-cluster';
import { SparkPeer } from '../../server/ai/spark/spark-peer';
import type { SparkRoom } from '../../server/ai/spark/spark-room';
import { MemoryUndoLog } from '../../server/ai/spark/undo-log';
import type { WorkspaceEditRequest } from '../../server/ai/spark/workspace-edits';
import { until } from '../helpers/in-process-server';
import { chunks, eventually, gate, routerSettings, ScriptedTier, steps } from './helpers';

const A = 'export const a = 1;\nexport const keep = true;\n';
const B = 'import { a } from "./a";\nconsole.log(a);\n';

const block = (file: string, search: string, replace: string) => `${file}\n<<<<<<< SEARCH\n${search}=======\n${replace}>>>>>>> REPLACE\n`;

/** A room with two files and Spark in it; instances sharing one undo log, as they share Redis. */
function setup(fast: ScriptedTier, log = new MemoryUndoLog(20), doc = new Y.Doc(), admitWrite?: SparkRoom['admitWrite']) {
  const files = doc.getMap<Y.Text>('files');
  if (files.size === 0) {
    files.set('a.ts', new Y.Text(A));
    files.set('b.ts', new Y.Text(B));
  }
  const awareness = new Awareness(doc);
  const router = new AiRouter({ tiers: { fast, deep: fast, embedded: new ScriptedTier('embedded', chunks('')) }, settings: routerSettings() });
  const cluster: SparkCluster = {
    join: (_room, member) => (member.leading(true), { announce: () => undefined, undo: log, firstToDecide: async () => true, leave: () => undefined }),
    close: async () => undefined,
  };
  const peer = new SparkPeer({ id: 'room-1', doc, awareness, admitWrite }, router, null, cluster);
  const messages: ServerMessage[] = [];
  const send = (m: ServerMessage) => void messages.push(m);
  const read = (path: string) => files.get(path)?.toString();
  const done = () => messages.find((m) => m.type === 'edit:done' || m.type === 'edit:error');
  return { doc, awareness, peer, messages, send, read, done, log };
}

function request(overrides: Partial<WorkspaceEditRequest> = {}): WorkspaceEditRequest {
  return { id: 'w1', requester: 'ana', instruction: 'rename a to alpha', file: 'a.ts', pin: 'auto', ...overrides };
}

function sparkAt(awareness: Awareness): string | null {
  return awarenessStateSchema.parse(awareness.getLocalState()).file;
}

describe('a Spark edit across the workspace', () => {
  it('writes each block while it streams, its cursor going from file to file', async () => {
    const g = gate();
    const fast = new ScriptedTier('fast').enqueue(
      steps('a.ts\n<<<<<<< SEARCH\nexport const a = 1;\n=======\nexport const al', g.promise, 'pha = 1;\n>>>>>>> REPLACE\n', block('b.ts', 'console.log(a);\n', 'console.log(alpha);\n')),
    );
    const { awareness, peer, send, read, done } = setup(fast);
    peer.editWorkspace(request(), send);
    await eventually(() => read('a.ts')!.includes('export const al'), 'the REPLACE text so far written');
    expect(sparkAt(awareness)).toBe('a.ts');
    expect(read('a.ts')).toContain('export const keep = true;');
    g.open();
    await eventually(() => done() !== undefined, 'edit done');
    expect(done()).toMatchObject({ type: 'edit:done', stopped: null, stale: [], applied: 2 });
    expect(read('a.ts')).toBe(A.replace('const a', 'const alpha'));
    expect(read('b.ts')).toBe(B.replace('console.log(a)', 'console.log(alpha)'));
    expect(sparkAt(awareness)).toBe('b.ts');
  });

  it('halts on Stop, keeping the blocks written, and one undo takes back every file', async () => {
    const g = gate();
    const fast = new ScriptedTier('fast').enqueue(steps(block('a.ts', 'export const a = 1;\n', 'export const alpha = 1;\n'), g.promise, block('b.ts', 'console.log(a);\n', 'x\n')));
    const { peer, send, read, done } = setup(fast);
    peer.editWorkspace(request(), send);
    await eventually(() => read('a.ts')!.includes('alpha'), 'first block written');
    expect(peer.stop('w1', 'bob')).toBe(false);
    expect(peer.stop('w1', 'ana')).toBe(true);
    expect(done()).toMatchObject({ type: 'edit:done', stopped: 'stop', applied: 1 });
    g.open();
    expect(read('b.ts')).toBe(B);
    expect(await peer.undo('ana')).toBe(true);
    expect([read('a.ts'), read('b.ts')]).toEqual([A, B]);
  });

  it('halts when a person types inside the block Spark is writing', async () => {
    const g = gate();
    const fast = new ScriptedTier('fast').enqueue(steps('a.ts\n<<<<<<< SEARCH\nexport const a = 1;\nexport const keep = true;\n=======\nexport const alpha = 1;\n', g.promise, 'more\n>>>>>>> REPLACE\n'));
    const { doc, peer, send, read, done } = setup(fast);
    peer.editWorkspace(request(), send);
    await eventually(() => read('a.ts')!.startsWith('export const alpha = 1;\n'), 'block being written');
    const text = doc.getMap<Y.Text>('files').get('a.ts')!;
    text.insert(text.toString().indexOf('keep'), 'X');
    expect(done()).toMatchObject({ type: 'edit:done', stopped: 'human-edit' });
    g.open();
    expect(read('a.ts')).not.toContain('more');
  });

  it('takes back a block the answer ends inside, and names it', async () => {
    const fast = new ScriptedTier('fast').enqueue(chunks(block('a.ts', 'export const a = 1;\n', 'export const alpha = 1;\n'), 'b.ts\n<<<<<<< SEARCH\nconsole.log(a);\n=======\nconsole.log(alph'));
    const { peer, send, read, done } = setup(fast);
    peer.editWorkspace(request(), send);
    await eventually(() => done() !== undefined, 'edit done');
    expect(done()).toMatchObject({ stopped: null, applied: 1, stale: [{ file: 'b.ts', block: 1, reason: 'UNTERMINATED' }] });
    expect(read('b.ts')).toBe(B);
  });

  it("reports a file the room refuses to add, by the room's reason, and applies the rest", async () => {
    const fast = new ScriptedTier('fast').enqueue(chunks(block('c.ts', '', 'export {};\n'), block('a.ts', 'export const a = 1;\n', 'export const alpha = 1;\n')));
    const tooMany: SparkRoom['admitWrite'] = (write) => (write.files?.length ? 'TOO_MANY_FILES' : undefined);
    const { peer, send, read, done } = setup(fast, new MemoryUndoLog(20), new Y.Doc(), tooMany);
    peer.editWorkspace(request(), send);
    await eventually(() => done() !== undefined, 'edit done');
    expect(done()).toMatchObject({ stopped: null, applied: 1, stale: [{ file: 'c.ts', block: 1, reason: 'REFUSED', message: expect.stringContaining('TOO_MANY_FILES') }] });
    expect(read('c.ts')).toBeUndefined();
    expect(read('a.ts')).toContain('alpha');
  });

  it('types a planned FileChange[] across files, creating one, as one undo step on another instance', async () => {
    const log = new MemoryUndoLog(20);
    const { doc, peer, send, read, done } = setup(new ScriptedTier('fast'), log);
    const plan = planBlocks(
      [
        { file: 'a.ts', block: 1, search: 'export const a = 1;\n', replace: 'export const alpha = 1;\n' },
        { file: 'a.ts', block: 2, search: 'export const keep = true;\n', replace: '' },
        { file: 'b.ts', block: 1, search: 'console.log(a);\n', replace: 'console.log(alpha);\n' },
        { file: 'c.ts', block: 1, search: '', replace: 'export {};\n' },
      ],
      (path) => read(path),
    );
    expect(plan.stale).toEqual([]);
    peer.editWorkspace(request({ changes: plan.changes }), send);
    // Typed at a typing pace, on real timers.
    await until('edit done', () => done() !== undefined);
    expect(done()).toMatchObject({ type: 'edit:done', stopped: null, stale: [], applied: 4 });
    expect([read('a.ts'), read('b.ts'), read('c.ts')]).toEqual(['export const alpha = 1;\n', B.replace('(a)', '(alpha)'), 'export {};\n']);

    // The record names every file it wrote, and survives the trip through storage as it is.
    const record = (await log.pop('ana'))!;
    expect(sparkEditRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(new Set([record.file, ...(record.also ?? [])])).toEqual(new Set(['a.ts', 'b.ts', 'c.ts']));
    await log.save('ana', record);

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const survivor = setup(new ScriptedTier('fast'), log, other);
    expect(await survivor.peer.undo('ana')).toBe(true);
    expect([survivor.read('a.ts'), survivor.read('b.ts'), survivor.read('c.ts')]).toEqual([A, B, undefined]);
    peer.destroy();
    survivor.peer.destroy();
  });
});
