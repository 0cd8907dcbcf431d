import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../lib/browser/editor/label-rows';

describe('remote caret labels', () => {
  it('puts a label in the band above its caret’s line, and below on the first line', () => {
    const placed = placeLabels([
      { id: 1, lineNumber: 5, left: 10, width: 40 },
      { id: 2, lineNumber: 1, left: 10, width: 40 },
    ]);
    expect(placed.get(1)).toEqual({ row: 0, below: false });
    expect(placed.get(2)).toEqual({ row: 0, below: true });
  });

  it('moves a label that would overlap another one band further from its line', () => {
    const placed = placeLabels([
      { id: 1, lineNumber: 5, left: 10, width: 40 },
      { id: 2, lineNumber: 5, left: 30, width: 40 },
      { id: 3, lineNumber: 5, left: 10, width: 40 },
    ]);
    expect([placed.get(1)?.row, placed.get(2)?.row, placed.get(3)?.row].sort()).toEqual([0, 1, 2]);
  });

  it('keeps labels side by side in one band when they do not touch', () => {
    const placed = placeLabels([
      { id: 1, lineNumber: 5, left: 0, width: 40 },
      { id: 2, lineNumber: 5, left: 100, width: 40 },
    ]);
    expect(placed.get(1)?.row).toBe(0);
    expect(placed.get(2)?.row).toBe(0);
  });

  it('avoids a label of the next line that already sits in the same band', () => {
    // Line 3's label is in band 2; line 1's label hangs below line 1, in band 2 too.
    const placed = placeLabels([
      { id: 1, lineNumber: 1, left: 0, width: 40 },
      { id: 2, lineNumber: 3, left: 0, width: 40 },
    ]);
    expect(placed.get(1)).toEqual({ row: 0, below: true });
    expect(placed.get(2)).toEqual({ row: 1, below: false });
  });
});
