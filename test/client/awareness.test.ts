import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parsePeers, type AwarenessState } from '../../lib/shared/protocol/awareness';

const user = { id: 'u1', name: 'Alice', color: '#f97316', kind: 'human' } as const;

describe('awareness states', () => {
  it('accepts the relative positions a peer publishes, after the JSON trip through the server', () => {
    const doc = new Y.Doc();
    const text = doc.getMap<Y.Text>('files').set('main.ts', new Y.Text('hello'));
    const at = (index: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
    const state = { user, file: 'main.ts', selection: { anchor: at(1), head: at(4) } } satisfies AwarenessState;
    const wire = JSON.parse(JSON.stringify(state));

    const [peer] = parsePeers(new Map([[7, wire]]), 1);
    expect(peer).toMatchObject({ clientId: 7, isLocal: false, file: 'main.ts' });
    const head = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(peer!.selection!.head), doc);
    expect(head?.index).toBe(4);
  });

  it('draws Spark like a person', () => {
    const spark = { user: { ...user, id: 'spark', name: 'Spark', kind: 'spark' }, file: null, selection: null };
    expect(parsePeers(new Map([[3, spark]]), 1)).toEqual([{ ...spark, clientId: 3, isLocal: false }]);
  });

  it('skips states that do not match, such as a colour that is not #rrggbb', () => {
    const states = new Map<number, unknown>([
      [1, { user, file: null, selection: null }],
      [2, { user: { ...user, color: 'red;}body{display:none' }, file: null, selection: null }],
      [3, {}],
      [4, { user: { ...user, kind: 'robot' }, file: null, selection: null }],
    ]);
    expect(parsePeers(states, 1).map((peer) => [peer.clientId, peer.isLocal])).toEqual([[1, true]]);
  });
});
