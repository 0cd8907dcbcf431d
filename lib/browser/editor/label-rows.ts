/**
 * Where each remote caret's name label goes so that labels never cover the text of their caret's line
 * nor each other. A label sits in the band of the line above its caret (on line 1, the line below);
 * when it would overlap a label already placed in that band, it moves one band further away, until it
 * fits. Bands are lines; horizontal extents are pixels from the editor's content left.
 */
export interface LabelBox {
  id: number;
  lineNumber: number;
  left: number;
  width: number;
}

export interface LabelPlacement {
  /** Bands away from the caret's line: 0 is the line right above (or below, on line 1). */
  row: number;
  below: boolean;
}

/** Room between two labels in one band, in pixels. */
const GAP_PX = 4;

export function placeLabels(labels: readonly LabelBox[]): Map<number, LabelPlacement> {
  const placed: Array<{ band: number; from: number; to: number }> = [];
  const result = new Map<number, LabelPlacement>();
  const ordered = [...labels].sort((a, b) => a.lineNumber - b.lineNumber || a.left - b.left || a.id - b.id);
  for (const label of ordered) {
    const below = label.lineNumber === 1;
    const [from, to] = [label.left, label.left + label.width + GAP_PX];
    for (let row = 0; ; row++) {
      const band = below ? label.lineNumber + 1 + row : label.lineNumber - 1 - row;
      if (placed.some((p) => p.band === band && p.from < to && from < p.to)) continue;
      placed.push({ band, from, to });
      result.set(label.id, { row, below });
      break;
    }
  }
  return result;
}
