import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { awarenessStateSchema } from '../../lib/shared/protocol/awareness';
import { MemoryUndoLog } from '../../server/ai/spark/undo-log';
import type { SparkCluster, SparkRoomMember } from '../../server/ai/spark/spark-cluster';
import { SparkPresence } from '../../server/ai/spark/spark-presence';

const FILE = 'const a = 1;\nconst b = 2;\n';

/** Instances in one process: announcements reach the other members at once; the test says who leads. */
function fakeCluster(): SparkCluster & { lead(member: SparkRoomMember): void; members: SparkRoomMember[] } {
  const members: SparkRoomMember[] = [];
  return {
    members,
    join(_roomId, member) {
      members.push(member);
      return {
        announce: (spot, editing) => members.filter((m) => m !== member).forEach((m) => m.moved(spot, editing)),
        undo: new MemoryUndoLog(20),
        firstToDecide: async () => true,
        leave: () => members.splice(members.indexOf(member), 1),
      };
    },
    lead(member) {
      for (const m of members) m.leading(m === member);
    },
    close: async () => undefined,
  };
}

/** One instance's copy of the room: its own doc (the same file) and awareness. */
function instance(source?: Y.Doc) {
  const doc = new Y.Doc();
  if (source) Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  else doc.getMap<Y.Text>('files').set('main.ts', new Y.Text(FILE));
  return { doc, awareness: new Awareness(doc), editing: false };
}

function sparkAt(awareness: Awareness, doc: Y.Doc): number | null {
  const state = awarenessStateSchema.safeParse(awareness.getLocalState());
  if (!state.success || !state.data.selection) return null;
  return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(state.data.selection.head), doc)?.index ?? null;
}

describe("Spark's one cursor across instances", () => {
  function twoInstances() {
    const cluster = fakeCluster();
    const one = instance();
    const two = instance(one.doc);
    const onOne = new SparkPresence({ id: 'r', ...one }, cluster, () => one.editing);
    const onTwo = new SparkPresence({ id: 'r', ...two }, cluster, () => two.editing);
    cluster.lead(onOne);
    return { cluster, one, two, onOne, onTwo };
  }

  it('is shown only by the instance holding its place, at moves made on either', () => {
    const { one, two, onTwo } = twoInstances();
    expect(two.awareness.getLocalState()).toBeNull();
    onTwo.moveTo('main.ts', 5, false);
    expect(sparkAt(one.awareness, one.doc)).toBe(5);
    expect(two.awareness.getLocalState()).toBeNull();
  });

  it('stays with an edit typed on another instance while suggestions arrive', () => {
    const { one, onOne, onTwo } = twoInstances();
    onTwo.moveTo('main.ts', 14, true);
    onOne.moveTo('main.ts', 3, false);
    expect(sparkAt(one.awareness, one.doc)).toBe(14);
    onTwo.moveTo('main.ts', 16, true);
    expect(sparkAt(one.awareness, one.doc)).toBe(16);
  });

  it('moves to the new holder, which removes the Spark entry the old one left', () => {
    const { cluster, one, two, onTwo } = twoInstances();
    onTwo.moveTo('main.ts', 7, false);
    // Instance two's awareness has instance one's Spark, as distribution delivers it.
    applyAwarenessUpdate(two.awareness, encodeAwarenessUpdate(one.awareness, [one.awareness.clientID]), 'peers');
    expect(two.awareness.getStates().has(one.awareness.clientID)).toBe(true);
    cluster.lead(onTwo);
    expect(two.awareness.getStates().has(one.awareness.clientID)).toBe(false);
    expect(sparkAt(two.awareness, two.doc)).toBe(7);
    expect(one.awareness.getLocalState()).toBeNull();
  });
});
