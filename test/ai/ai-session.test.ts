import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { ClientMessageInput, ServerMessage } from '../../lib/shared/protocol/ai';
import { AI_MESSAGE_PERMISSION } from '../../lib/shared/protocol/ai/permissions';
import type { Permission } from '../../lib/shared/share-token';
import { AiRouter } from '../../server/ai/routing/router';
import type { RouterEvent } from '../../server/ai/routing/router-events';
import { AiSession } from '../../server/ai/session/ai-session';
import { completionMessage } from '../../server/ai/session/completion-messages';
import { SparkPeers } from '../../server/ai/spark/peer-registry';
import type { SparkRoom } from '../../server/ai/spark/spark-room';
import { awarenessStateSchema } from '../../lib/shared/protocol/awareness';
import { chunks, eventually, gate, routerSettings, ScriptedTier } from './helpers';

const SOURCE = 'const a = 1;\n';

/** Sessions on an in-memory transport, sharing one room, one router and one Spark. */
function world() {
  const doc = new Y.Doc();
  doc.getMap<Y.Text>('files').set('main.ts', new Y.Text(SOURCE));
  const room: SparkRoom = { id: 'room-1', doc, awareness: new Awareness(doc) };
  const fast = new ScriptedTier('fast', chunks('1 + 1'));
  const embedded = new ScriptedTier('embedded', chunks('2'));
  const router = new AiRouter({ tiers: { fast, deep: fast, embedded }, settings: routerSettings() });
  const peers = new SparkPeers({ hold: async () => room, release: () => undefined }, router);
  let connections = 0;
  const open = (permission: Permission, userId: string | null = null) => {
    const sent: ServerMessage[] = [];
    const transport = { closed: false, send: (m: ServerMessage) => void sent.push(m), close: () => void (transport.closed = true) };
    const session = new AiSession({ roomId: room.id, permission, generation: 0, userId, connectionId: `c${++connections}` }, transport, { router, peers });
    session.start();
    const send = (message: ClientMessageInput) => session.receive(message);
    // Polled on timers, not microtasks: Spark types an applied edit out over a few 20 ms ticks.
    const next = async <T extends ServerMessage['type']>(type: T) => {
      for (let waited = 0; !sent.some((m) => m.type === type); waited += 5) {
        if (waited > 5_000) throw new Error(`no ${type}: ${sent.map((m) => m.type).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return sent.find((m) => m.type === type) as Extract<ServerMessage, { type: T }>;
    };
    return { session, transport, sent, send, next };
  };
  return { room, fast, embedded, open, text: () => doc.getMap<Y.Text>('files').get('main.ts')!.toString() };
}

/** Where Spark's cursor is in the room's file, or null while it shows none. */
function sparkAt(room: SparkRoom): number | null {
  const state = awarenessStateSchema.safeParse(room.awareness.getLocalState());
  if (!state.success || !state.data.selection) return null;
  return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(state.data.selection.head), room.doc)?.index ?? null;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const EVERY_KIND: ClientMessageInput[] = [
  { type: 'complete', id: 'k1', file: 'main.ts', prefix: 'const b = ', suffix: '' },
  { type: 'cancel', id: 'k1' },
  { type: 'edit', id: 'e1', file: 'main.ts', instruction: 'x', selection: { from: 0, to: 5 }, replacement: 'PWNED' },
  { type: 'actions', id: 'a1', file: 'main.ts', selection: { from: 0, to: 5 } },
  { type: 'edit:action', id: 'e2', file: 'main.ts', selection: { from: 0, to: 5 }, action: { id: 'jsdoc', title: 'Add JSDoc' } },
  { type: 'edit:stop', id: 'e1' },
  { type: 'edit:undo' },
  { type: 'chat:ask', id: 'q1', question: 'hi', context: null },
  { type: 'chat:stop', id: 'q1' },
  { type: 'latency', id: 'l1', keystrokeToFirstCharMs: 3 },
];

describe('an AI session', () => {
  it('checks every message kind against the permission table before anything runs', async () => {
    const { open, fast, embedded, room, text } = world();
    const viewer = open('view');
    for (const message of EVERY_KIND) viewer.send(message);
    await eventually(() => viewer.sent.filter((m) => 'error' in m).length === EVERY_KIND.filter((m) => AI_MESSAGE_PERMISSION[m.type] === 'edit').length);
    expect(viewer.sent.filter((m) => 'error' in m).every((m) => 'error' in m && m.error.code === 'READ_ONLY')).toBe(true);
    expect(fast.calls.length + embedded.calls.length).toBe(0);
    expect(text()).toBe(SOURCE);
    expect(room.doc.getArray('chat').length).toBe(0);
  });

  it('says hello with the identity the server verified, never one the client chose', () => {
    const { open } = world();
    expect(open('edit', 'u_ada').sent[0]).toMatchObject({ type: 'hello', permission: 'edit', userId: 'u_ada' });
    expect(open('edit', null).sent[0]).toMatchObject({ type: 'hello', userId: expect.stringMatching(/^connection:/) });
  });

  it('keys undo on the verified identity: the same person on a second socket can undo, nobody else can', async () => {
    const { open, text } = world();
    const ada = open('edit', 'u_ada');
    ada.send({ type: 'edit', id: 'e1', file: 'main.ts', instruction: 'apply', selection: { from: 0, to: SOURCE.length }, replacement: 'const a = 2;\n' });
    await ada.next('edit:done');
    const stranger = open('edit', null);
    stranger.send({ type: 'edit:undo' });
    expect(await stranger.next('edit:undone')).toMatchObject({ ok: false });
    const adaAgain = open('edit', 'u_ada');
    adaAgain.send({ type: 'edit:undo' });
    expect(await adaAgain.next('edit:undone')).toMatchObject({ ok: true });
    expect(text()).toBe(SOURCE);
  });

  it('closes with a named reason, then ignores whatever still arrives', async () => {
    const { open, fast } = world();
    const ada = open('edit', 'u_ada');
    ada.session.close('LINKS_ROTATED');
    expect(ada.sent.at(-1)).toEqual({ type: 'closing', reason: 'LINKS_ROTATED' });
    expect(ada.transport.closed).toBe(true);
    ada.send(EVERY_KIND[0]!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fast.calls).toHaveLength(0);
    expect(ada.sent.at(-1)).toEqual({ type: 'closing', reason: 'LINKS_ROTATED' });
  });

  it("moves Spark's cursor to a suggestion once its answer is on the wire, never ahead of it", async () => {
    const { open, fast, room } = world();
    const answer = gate();
    fast.enqueue(async function* () {
      await answer.promise;
      yield ' 1;';
    });
    const ada = open('edit', 'u_ada');
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(room.doc.getMap<Y.Text>('files').get('main.ts')!, 6));
    ada.send({ type: 'complete', id: 'k1', file: 'main.ts', prefix: 'const ', suffix: 'a = 1;\n', at });
    await eventually(() => fast.calls.length === 1, 'the tier asked');
    await nextTurn();
    expect(sparkAt(room)).not.toBe(6);
    answer.open();
    await ada.next('complete:chunk');
    await eventually(() => sparkAt(room) === 6, "Spark's cursor at the suggestion");
  });

  it('puts every router event of a completion on the wire, notices and cancels included', () => {
    const stats = { tier: 'fast', source: 'model', firstTokenMs: 1, tokensPerSecond: 2, chars: 3 } as const;
    const all: RouterEvent[] = [
      { type: 'chunk', text: 'x' },
      { type: 'notice', error: { code: 'TIER_TIMEOUT', tier: 'fast', message: 'slow' } },
      { type: 'error', error: { code: 'RATE_LIMITED', message: 'later' } },
      { type: 'done', stats },
      { type: 'cancelled', reason: 'superseded' },
    ];
    expect(all.map((event) => completionMessage('k', event).type)).toEqual([
      'complete:chunk',
      'complete:notice',
      'complete:error',
      'complete:done',
      'complete:cancelled',
    ]);
  });
});
