/** Percentiles and the one record every part reports. Everything the table and the JSON show is a Figure. */

export interface Summary {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Nearest-rank percentile on a sorted copy: no interpolation, so a reported p99 is a value that happened. */
export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
  return { samples: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}

export type FigureStatus = 'measured' | 'pending' | 'not available';

export interface Goal {
  /** Human form, e.g. `p95 <= 100 ms`. */
  text: string;
  met: boolean;
}

export interface Figure {
  part: string;
  name: string;
  unit: string;
  status: FigureStatus;
  samples?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  /** For single numbers (CPU, memory, shares): printed in the p50 column. */
  value?: number;
  goal?: Goal;
  /** ours / reference for the same figure; below 1 is better when lower is better. */
  ratio?: number;
  note?: string;
}

export function measured(part: string, name: string, unit: string, summary: Summary, extra: Partial<Figure> = {}): Figure {
  return { part, name, unit, status: 'measured', ...summary, ...extra };
}

export function single(part: string, name: string, unit: string, value: number, extra: Partial<Figure> = {}): Figure {
  return { part, name, unit, status: 'measured', samples: 1, value, ...extra };
}

/** A row for something that cannot run yet; the reason is printed in place of numbers. */
export function pending(part: string, name: string, reason: string): Figure {
  return { part, name, unit: '', status: 'pending', note: reason };
}

export function notAvailable(part: string, name: string, reason: string): Figure {
  return { part, name, unit: '', status: 'not available', note: reason };
}

/** `p95 <= limit` style goal on one percentile. */
export function atMost(summary: Summary, key: 'p50' | 'p95' | 'p99', limit: number, unit: string): Goal {
  return { text: `${key} <= ${limit} ${unit}`, met: summary[key] <= limit };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
