import { beforeEach, describe, expect, it } from 'vitest';
import { askSpark, askSparkAboutWorkspace, receiveEditMessage, resetAskSpark, stopSpark, undoSparkEdit, useAskSparkStore, type SparkTarget } from '../../lib/browser/ai/ask-spark-store';
import type { SparkClient } from '../../lib/browser/ai/spark-client';
import type { ClientMessageInput } from '../../lib/shared/protocol/ai';

function fakeClient(connected = true) {
  const sent: ClientMessageInput[] = [];
  const client = { send: (m: ClientMessageInput) => (connected ? (sent.push(m), true) : false) } as unknown as SparkClient;
  return { client, sent };
}

const target: SparkTarget = { file: 'main.ts', language: 'typescript', from: 10, to: 40, label: 'main.ts · lines 2–3' };
const phase = () => useAskSparkStore.getState().phase;

describe('Ask Spark in the browser', () => {
  beforeEach(resetAskSpark);

  it('sends the instruction with the selection and shows Spark working', () => {
    const { client, sent } = fakeClient();
    askSpark(client, target, '  add types  ');
    const edit = sent[0] as Extract<ClientMessageInput, { type: 'edit' }>;
    expect(edit).toMatchObject({ type: 'edit', file: 'main.ts', language: 'typescript', instruction: 'add types', selection: { from: 10, to: 40 } });
    expect(phase()).toEqual({ kind: 'working', id: edit.id, instruction: 'add types', chars: 0, redirected: false });
    receiveEditMessage({ type: 'edit:progress', id: edit.id, chars: 12 });
    expect(phase()).toMatchObject({ kind: 'working', chars: 12 });
  });

  it('asks about the whole workspace with the open file, and keeps the blocks that were not applied by name', () => {
    const { client, sent } = fakeClient();
    askSparkAboutWorkspace(client, 'src/main.ts', ' add types everywhere ');
    const edit = sent[0] as Extract<ClientMessageInput, { type: 'edit:workspace' }>;
    expect(edit).toMatchObject({ type: 'edit:workspace', instruction: 'add types everywhere', file: 'src/main.ts', propose: false });
    const stale = [{ file: 'src/main.ts', block: 2, reason: 'NOT_FOUND' as const, message: 'src/main.ts block 2: its SEARCH text is not in src/main.ts.' }];
    receiveEditMessage({ type: 'edit:done', id: edit.id, stopped: null, stats: null, stale, applied: 4 });
    expect(phase()).toMatchObject({ kind: 'finished', stopped: null, stale, applied: 4 });
    expect(useAskSparkStore.getState().undoable).toBe(true);
  });

  it('sends a proposal when asked to, and offers no undo for it: nothing in the text changed', () => {
    const { client, sent } = fakeClient();
    askSpark(client, target, 'rewrite it', true);
    const edit = sent[0] as Extract<ClientMessageInput, { type: 'edit' }>;
    expect(edit).toMatchObject({ type: 'edit', propose: true });
    expect(phase()).toMatchObject({ kind: 'working', proposed: true });
    receiveEditMessage({ type: 'edit:done', id: edit.id, stopped: null, stats: null });
    expect(phase()).toMatchObject({ kind: 'finished', proposed: true });
    expect(useAskSparkStore.getState().undoable).toBe(false);
  });

  it('asks for a workspace proposal when told to, with no file open', () => {
    const { client, sent } = fakeClient();
    askSparkAboutWorkspace(client, null, 'preview it', true);
    expect(sent[0]).toMatchObject({ type: 'edit:workspace', file: null, propose: true });
  });

  it('stops the running edit and then offers to undo it', () => {
    const { client, sent } = fakeClient();
    askSpark(client, target, 'rename');
    const id = (sent[0] as { id: string }).id;
    stopSpark(client);
    expect(sent[1]).toEqual({ type: 'edit:stop', id });
    receiveEditMessage({ type: 'edit:done', id, stopped: 'stop', stats: null });
    expect(phase()).toMatchObject({ kind: 'finished', stopped: 'stop' });
    expect(useAskSparkStore.getState().undoable).toBe(true);
    undoSparkEdit(client);
    expect(sent[2]).toEqual({ type: 'edit:undo' });
    receiveEditMessage({ type: 'edit:undone', ok: true });
    expect(useAskSparkStore.getState()).toMatchObject({ undo: { kind: 'undone' }, undoable: false });
  });

  it('redirects: the new instruction becomes current and the replaced edit’s end is ignored', () => {
    const { client, sent } = fakeClient();
    askSpark(client, target, 'first');
    askSpark(client, target, 'second');
    const [first, second] = sent.map((m) => (m as { id: string }).id);
    expect(phase()).toMatchObject({ kind: 'working', id: second, instruction: 'second', redirected: true });
    receiveEditMessage({ type: 'edit:done', id: first!, stopped: 'redirected', stats: null });
    expect(phase()).toMatchObject({ kind: 'working', id: second });
  });

  it('shows a tier error by its code and the fallback notice naming the tier', () => {
    const { client, sent } = fakeClient();
    askSpark(client, target, 'x');
    const id = (sent[0] as { id: string }).id;
    receiveEditMessage({ type: 'edit:notice', id, error: { code: 'TIER_UNAUTHORIZED', tier: 'fast', message: 'fast tier refused the API key. Using the embedded engine instead.' } });
    expect(useAskSparkStore.getState().notice).toMatch(/Using the embedded engine instead/);
    receiveEditMessage({ type: 'edit:error', id, error: { code: 'TIER_UNAUTHORIZED', tier: 'deep', message: 'deep tier refused the API key.' } });
    expect(phase()).toMatchObject({ kind: 'failed', error: { code: 'TIER_UNAUTHORIZED', tier: 'deep' } });
  });

  it('says so when Spark is not connected instead of waiting forever', () => {
    askSpark(fakeClient(false).client, target, 'x');
    expect(phase()).toMatchObject({ kind: 'failed', error: { message: expect.stringMatching(/not connected/) } });
  });
});
