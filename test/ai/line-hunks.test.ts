import { describe, expect, it } from 'vitest';
import { plannedHunks } from '../../server/ai/spark/proposals/line-hunks';

const OLD = 'a\nb\nc\nd\n';
const textOf = (file: string) => (file === 'f.ts' ? OLD : null);
const rewrite = (text: string, final: boolean) =>
  plannedHunks(textOf, [{ kind: 'replace', file: 'f.ts', from: 0, to: OLD.length, text }], final).hunks.map((h) => [h.from, h.removed, h.added]);

describe('a planned change as the hunks a person reviews', () => {
  it('splits a rewrite into the runs of lines it changes', () => {
    expect(rewrite('a\nB\nc\nD\n', true)).toEqual([
      [2, 'b\n', 'B\n'],
      [6, 'd\n', 'D\n'],
    ]);
  });

  it('while streaming, does not remove the old lines it has not reached', () => {
    expect(rewrite('a\nB\n', false)).toEqual([[2, 'b\n', 'B\n']]);
    expect(rewrite('a\nB\nX\n', false)).toEqual([[2, 'b\nc\n', 'B\nX\n']]);
    expect(rewrite('a\n', false)).toEqual([]);
  });

  it('shows the line being written once it departs from the old line it retypes', () => {
    expect(rewrite('a\nB\nc', false)).toEqual([[2, 'b\n', 'B\n']]);
    expect(rewrite('a\nB\nC', false)).toEqual([[2, 'b\n', 'B\nC']]);
    expect(rewrite('a\nb\nx', false)).toEqual([[4, '', 'x']]);
    expect(rewrite('a\nb\n', false)).toEqual([]);
    const lines = 'let a = 1;\nlet b = 2;\n';
    const changed = plannedHunks(() => lines, [{ kind: 'replace', file: 'f.ts', from: 0, to: lines.length, text: 'let a = 1;\nlet b = 3' }], false).hunks;
    expect(changed.map((h) => [h.from, h.removed, h.added])).toEqual([[11, 'let b = 2;\n', 'let b = 3']]);
  });

  it('widens a change inside a line to the whole line', () => {
    const hunks = plannedHunks(textOf, [{ kind: 'replace', file: 'f.ts', from: 2, to: 3, text: 'bee' }], true).hunks;
    expect(hunks).toEqual([{ file: 'f.ts', kind: 'replace', from: 2, to: 4, removed: 'b\n', added: 'bee\n' }]);
  });

  it('leaves out a change to a file that does not exist, and makes a creation one hunk', () => {
    const { hunks } = plannedHunks(textOf, [
      { kind: 'replace', file: 'gone.ts', from: 0, to: 1, text: 'x' },
      { kind: 'create', file: 'new.ts', text: 'hello\n' },
    ], true);
    expect(hunks).toEqual([{ file: 'new.ts', kind: 'create', from: 0, to: 0, removed: '', added: 'hello\n' }]);
  });
});
