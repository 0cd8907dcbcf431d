import { describe, expect, it } from 'vitest';
import { followStep } from '../../lib/browser/editor/follow-peer';
import type { Peer } from '../../lib/shared/protocol/awareness';

const peer = (file: string | null, withCaret = true): Peer => ({
  clientId: 2,
  isLocal: false,
  user: { id: 'b', name: 'Bob', color: '#3b82f6', kind: 'human' },
  file,
  selection: withCaret ? { anchor: { assoc: 0 }, head: { assoc: 0 } } : null,
});

describe('following a person', () => {
  it('opens the file they are in', () => {
    expect(followStep(peer('b.ts'), 'a.ts', ['a.ts', 'b.ts'])).toEqual({ kind: 'open', file: 'b.ts' });
  });

  it('keeps their caret in view once in the same file', () => {
    expect(followStep(peer('a.ts'), 'a.ts', ['a.ts'])).toEqual({ kind: 'reveal' });
  });

  it('waits while they have no caret or their file is not known here yet', () => {
    expect(followStep(peer('a.ts', false), 'a.ts', ['a.ts'])).toEqual({ kind: 'wait' });
    expect(followStep(peer('new.ts'), 'a.ts', ['a.ts'])).toEqual({ kind: 'wait' });
  });

  it('stops when they leave', () => {
    expect(followStep(undefined, 'a.ts', ['a.ts'])).toEqual({ kind: 'stop' });
  });
});
