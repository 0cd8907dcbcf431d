import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { awarenessStateSchema } from '../../lib/shared/protocol/awareness';
import type { ServerMessage } from '../../lib/shared/protocol/ai';
import { AiRouter } from '../../server/ai/routing/router';
import type { SparkCluster } from '../../server/ai/spark/spark-cluster';
import { SparkPeer, type SparkEditRequest } from '../../server/ai/spark/spark-peer';
import { MemoryUndoLog } from '../../server/ai/spark/undo-log';
import { until } from '../helpers/in-process-server';
import { chunks, eventually, gate, routerSettings, ScriptedTier, steps } from './helpers';

const SOURCE = 'function add(a, b) {\n  return a + b;\n}\n';

function setup(fast: ScriptedTier) {
  const doc = new Y.Doc();
  const text = new Y.Text(SOURCE);
  doc.getMap<Y.Text>('files').set('src/add.ts', text);
  const awareness = new Awareness(doc);
  const embedded = new ScriptedTier('embedded', chunks(''));
  const router = new AiRouter({ tiers: { fast, deep: fast, embedded }, settings: routerSettings() });
  const peer = new SparkPeer({ id: 'room-1', doc, awareness }, router);
  const messages: ServerMessage[] = [];
  const send = (m: ServerMessage) => void messages.push(m);
  return { doc, text, awareness, peer, messages, send };
}

/** An undo log that counts its saves, to see a running edit's record arrive. */
class SavesCounted extends MemoryUndoLog {
  saves = 0;
  override async save(...args: Parameters<MemoryUndoLog['save']>): Promise<void> {
    this.saves++;
    return super.save(...args);
  }
}

const LINE_2 = { from: SOURCE.indexOf('  return'), to: SOURCE.indexOf('\n}') };

function request(overrides: Partial<SparkEditRequest> = {}): SparkEditRequest {
  return { id: 'e1', requester: 'ana', file: 'src/add.ts', language: 'typescript', instruction: 'explain', pin: 'auto', ...LINE_2, ...overrides };
}

function sparkHead(awareness: Awareness, doc: Y.Doc): number | null {
  const state = awarenessStateSchema.parse(awareness.getLocalState());
  if (!state.selection) return null;
  return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(state.selection.head), doc)?.index ?? null;
}

describe('Spark peer', () => {
  it('is a member of the room with its own awareness entry', () => {
    const { awareness } = setup(new ScriptedTier('fast'));
    expect(awarenessStateSchema.parse(awareness.getLocalState()).user).toEqual({ id: 'spark', name: 'Spark', color: expect.any(String), kind: 'spark' });
  });

  it('streams a minimal edit as chunks arrive, its cursor moving as it types', async () => {
    const g1 = gate();
    const fast = new ScriptedTier('fast').enqueue(steps('  return a + b;', ' // the', g1.promise, ' sum'));
    const { doc, text, awareness, peer, messages, send } = setup(fast);
    const sparkOps: unknown[] = [];
    text.observe((event, tr) => {
      if ((tr.origin as { spark?: boolean } | null)?.spark) sparkOps.push(...event.delta);
    });
    peer.edit(request(), send);
    await eventually(() => text.toString().includes('// the'), 'first chunks written');
    expect(text.toString()).toBe('function add(a, b) {\n  return a + b; // the\n}\n');
    const headMid = sparkHead(awareness, doc);
    expect(headMid).toBe(SOURCE.indexOf('\n}') + ' // the'.length);
    g1.open();
    await eventually(() => messages.some((m) => m.type === 'edit:done'), 'edit done');
    expect(text.toString()).toBe('function add(a, b) {\n  return a + b; // the sum\n}\n');
    // Only the changed span was written: the unchanged code was never deleted and re-inserted.
    expect(sparkOps.some((op) => (op as { delete?: number }).delete)).toBe(false);
    expect(messages.at(-1)).toMatchObject({ type: 'edit:done', stopped: null });
  });

  it("halts at once on its requester's Stop, keeping what it wrote, and closes the model stream", async () => {
    const g = gate();
    const fast = new ScriptedTier('fast').enqueue(steps('  return a + b; // partial', g.promise, ' never'));
    const { text, peer, messages, send } = setup(fast);
    peer.edit(request(), send);
    await eventually(() => text.toString().includes('partial'));
    expect(peer.stop('e1', 'bo')).toBe(false);
    expect(peer.stop('e1', 'ana')).toBe(true);
    g.open();
    expect(fast.calls[0]!.aborted).toBe(true);
    expect(messages.at(-1)).toMatchObject({ type: 'edit:done', stopped: 'stop' });
    expect(text.toString()).toContain('// partial\n}');
    expect(text.toString()).not.toContain('never');
  });

  it('halts when a person types inside the span it is writing, but not outside it', async () => {
    const g = gate();
    const fast = new ScriptedTier('fast').enqueue(steps('  return a + b; // x', g.promise, 'yz'));
    const { doc, text, peer, messages, send } = setup(fast);
    peer.edit(request(), send);
    await eventually(() => text.toString().includes('// x'));
    doc.transact(() => text.insert(text.length, '// after\n'), 'human');
    expect(messages.some((m) => m.type === 'edit:done')).toBe(false);
    doc.transact(() => text.insert(text.toString().indexOf('return') + 2, 'Q'), 'human');
    expect(messages.at(-1)).toMatchObject({ type: 'edit:done', stopped: 'human-edit' });
    expect(fast.calls[0]!.aborted).toBe(true);
  });

  it('redirects from the current text when a new instruction arrives mid-edit', async () => {
    const g = gate();
    const fast = new ScriptedTier('fast').enqueue(steps('  return a + b; // first', g.promise), chunks('  return a + b; // second'));
    const { text, peer, messages, send } = setup(fast);
    peer.edit(request(), send);
    await eventually(() => text.toString().includes('// first'));
    peer.edit(request({ id: 'e2', instruction: 'say second' }), send);
    await eventually(() => messages.some((m) => m.type === 'edit:done' && m.id === 'e2'));
    expect(messages.find((m) => m.type === 'edit:done' && m.id === 'e1')).toMatchObject({ stopped: 'redirected' });
    expect((fast.calls[1]!.request as { region: string }).region).toBe('  return a + b; // first');
    expect(text.toString()).toBe('function add(a, b) {\n  return a + b; // second\n}\n');
  });

  it("undoes the requester's whole edit as one step, leaving other people's edits", async () => {
    const fast = new ScriptedTier('fast').enqueue(chunks('  const sum = a + b;', '\n  return sum;'));
    const { doc, text, peer, messages, send } = setup(fast);
    peer.edit(request(), send);
    await eventually(() => messages.some((m) => m.type === 'edit:done'));
    expect(text.toString()).toContain('return sum;');
    doc.transact(() => text.insert(0, '// header\n'), 'human');
    expect(await peer.undo('ana')).toBe(true);
    expect(text.toString()).toBe(`// header\n${SOURCE}`);
    expect(await peer.undo('bob')).toBe(false);
  });

  it('undoes, on another instance, the part of an edit its own instance wrote before it died', async () => {
    const g = gate();
    const fast = new ScriptedTier('fast').enqueue(steps('  const sum = a + b;\n', '  return sum; // partial', g.promise, ' never'));
    const router = new AiRouter({ tiers: { fast, deep: fast, embedded: fast }, settings: routerSettings() });
    // Two instances sharing one undo log, as they share Redis; the survivor gets the other's updates.
    const log = new SavesCounted(20);
    const cluster: SparkCluster = {
      join: (_room, member) => (member.leading(true), { announce: () => undefined, undo: log, firstToDecide: async () => true, leave: () => undefined }),
      close: async () => undefined,
    };
    const { doc, text } = setup(new ScriptedTier('fast'));
    const survivorDoc = new Y.Doc();
    Y.applyUpdate(survivorDoc, Y.encodeStateAsUpdate(doc));
    const relay = (update: Uint8Array) => Y.applyUpdate(survivorDoc, update);
    doc.on('update', relay);
    const lost = new SparkPeer({ id: 'room-1', doc, awareness: new Awareness(doc) }, router, null, cluster);
    lost.edit(request(), () => undefined);
    await until('the running edit written and its record saved', () => text.toString().includes('// partial') && log.saves > 0);
    doc.off('update', relay);

    const survivor = new SparkPeer({ id: 'room-1', doc: survivorDoc, awareness: new Awareness(survivorDoc) }, router, null, cluster);
    expect(await survivor.undo('ana')).toBe(true);
    expect(survivorDoc.getMap<Y.Text>('files').get('src/add.ts')!.toString()).toBe(SOURCE);
    g.open();
    lost.destroy();
    survivor.destroy();
  });

  it('refuses a file that does not exist', () => {
    const { peer, messages, send } = setup(new ScriptedTier('fast'));
    peer.edit(request({ file: 'nope.ts' }), send);
    expect(messages).toEqual([{ type: 'edit:error', id: 'e1', error: expect.objectContaining({ code: 'FILE_NOT_FOUND' }) }]);
  });
});
