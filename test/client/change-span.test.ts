import { describe, expect, it } from 'vitest';
import { ChangeSpanTracker, type DeltaStep } from '../../lib/browser/ai/change-span';

/** Replays edits on a text, each `[at, removeCount, insert, own]`, and returns the text and the tracker. */
function replay(start: string, edits: Array<[number, number, string, boolean]>) {
  const tracker = new ChangeSpanTracker();
  let text = start;
  for (const [at, remove, insert, own] of edits) {
    const delta: DeltaStep[] = [{ retain: at }, ...(remove ? [{ delete: remove }] : []), ...(insert ? [{ insert }] : [])];
    tracker.apply(text, delta, own);
    text = text.slice(0, at) + insert + text.slice(at + remove);
  }
  return { text, span: tracker.current };
}

const CODE = 'function greet(name) {}\n';

describe('the span a person is changing', () => {
  it('is one span over a name retyped letter by letter, and remembers the old name', () => {
    const at = CODE.indexOf('greet');
    const edits: Array<[number, number, string, boolean]> = [];
    for (let i = 0; i < 5; i++) edits.push([at + 4 - i, 1, '', true]);
    for (const [i, letter] of [...'welcome'].entries()) edits.push([at + i, 0, letter, true]);
    const { text, span } = replay(CODE, edits);
    expect(text.slice(span!.from, span!.to)).toBe('welcome');
    expect(span!.before).toBe('greet');
  });

  it('moves with someone else’s edit before it, and ends at one inside it', () => {
    const at = CODE.indexOf('greet');
    const moved = replay(CODE, [[at, 5, 'hi', true], [0, 0, '// x\n', false]]);
    expect(moved.text.slice(moved.span!.from, moved.span!.to)).toBe('hi');
    expect(moved.span!.before).toBe('greet');
    expect(replay(CODE, [[at, 5, 'hello', true], [at + 2, 1, '', false]]).span).toBeNull();
  });

  it('starts again at an edit of the person’s own elsewhere', () => {
    const { span } = replay(CODE, [[CODE.indexOf('greet'), 5, 'hi', true], [CODE.indexOf('name') - 3, 0, ', x', true]]);
    expect(span).toEqual({ from: CODE.indexOf('name') - 3, to: CODE.indexOf('name'), before: '' });
  });
});
