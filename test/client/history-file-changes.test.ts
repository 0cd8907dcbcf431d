import { describe, expect, it } from 'vitest';
import { diffRows, fileChanges } from '../../lib/browser/history/file-changes';

describe('what changed since a version', () => {
  it('names files created and deleted since, and counts the lines of the changed ones', () => {
    const version = { 'a.ts': 'one\ntwo\n', 'gone.ts': 'x\ny' , 'same.ts': 's' };
    const now = { 'a.ts': 'one\n2\nthree\n', 'new.ts': 'n\n', 'same.ts': 's' };
    expect(fileChanges(version, now)).toEqual([
      { path: 'a.ts', status: 'changed', linesAdded: 2, linesRemoved: 1 },
      { path: 'gone.ts', status: 'deleted', linesAdded: 0, linesRemoved: 2 },
      { path: 'new.ts', status: 'added', linesAdded: 1, linesRemoved: 0 },
      { path: 'same.ts', status: 'same', linesAdded: 0, linesRemoved: 0 },
    ]);
  });

  it('does not count a missing final newline as a changed line', () => {
    expect(diffRows('a\nb', 'a\nb\nc')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'same', text: 'b' },
      { kind: 'added', text: 'c' },
    ]);
  });

  it('folds long unchanged runs, keeping three lines around each change', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 10', 'LINE 10');
    const rows = diffRows(before, after);
    expect(rows[0]).toEqual({ kind: 'skipped', lines: 7 });
    expect(rows.filter((r) => r.kind === 'same')).toHaveLength(6);
    expect(rows.at(-1)).toEqual({ kind: 'skipped', lines: 6 });
    expect(rows.filter((r) => r.kind !== 'same' && r.kind !== 'skipped')).toEqual([
      { kind: 'removed', text: 'line 10' },
      { kind: 'added', text: 'LINE 10' },
    ]);
  });
});
