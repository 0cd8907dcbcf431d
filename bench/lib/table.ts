import type { Figure } from './stats';

const COLUMNS = ['figure', 'unit', 'n', 'p50 / value', 'p95', 'p99', 'goal', 'met', 'ours/ref'] as const;

function num(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function cells(figure: Figure, marker: string): string[] {
  return [
    figure.name + marker,
    figure.unit,
    figure.samples === undefined ? '-' : figure.samples.toLocaleString('en-US'),
    num(figure.value ?? figure.p50),
    num(figure.p95),
    num(figure.p99),
    figure.goal?.text ?? '-',
    figure.goal ? (figure.goal.met ? 'met' : 'NOT MET') : '-',
    figure.ratio === undefined ? '-' : figure.ratio.toFixed(2),
  ];
}

/**
 * One plain-text table for every part. Rows that could not run print their reason in place of numbers;
 * notes on measured rows become numbered footnotes so the columns stay narrow.
 */
export function formatTable(figures: Figure[]): string {
  const notes: string[] = [];
  const rows = figures.map((figure) => {
    if (figure.status !== 'measured') return { figure, cells: null };
    let marker = '';
    if (figure.note) {
      notes.push(figure.note);
      marker = ` [${notes.length}]`;
    }
    return { figure, cells: cells(figure, marker) };
  });
  const widths = COLUMNS.map((title, i) =>
    Math.max(title.length, ...rows.map((r) => (r.cells ? r.cells[i]!.length : i === 0 ? r.figure.name.length : 0))),
  );
  const line = (values: readonly string[]) =>
    values.map((v, i) => (i === 0 || i === 6 || i === 7 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  const out = [line(COLUMNS), widths.map((w) => '-'.repeat(w)).join('  ')];
  let part = '';
  for (const row of rows) {
    if (row.figure.part !== part) {
      part = row.figure.part;
      out.push(`[${part}]`);
    }
    out.push(row.cells ? line(row.cells) : `${row.figure.name.padEnd(widths[0]!)}  ${row.figure.status}: ${row.figure.note}`);
  }
  if (notes.length) out.push('', ...notes.map((n, i) => `[${i + 1}] ${n}`));
  return out.join('\n');
}
