import { diffLines } from 'diff';

/** How a file differs between a version and now. */
export type FileStatus = 'added' | 'deleted' | 'changed' | 'same';

export interface FileChange {
  path: string;
  /** `added`: created since the version; `deleted`: the version had it, now it is gone. */
  status: FileStatus;
  /** Lines now that the version did not have, and lines of the version that are gone. */
  linesAdded: number;
  linesRemoved: number;
}

export type DiffRow =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  /** Unchanged lines left out between changes. */
  | { kind: 'skipped'; lines: number };

/** Lines of unchanged text kept around each change. */
const CONTEXT_LINES = 3;

function lines(text: string): string[] {
  const out = text.split('\n');
  if (out.at(-1) === '') out.pop();
  return out;
}

/** A last line without its newline is still a line: without this it would differ from the same line with one. */
const ended = (text: string): string => (text === '' || text.endsWith('\n') ? text : `${text}\n`);

/** Every file of the version or of now, in path order, with what changed since the version. */
export function fileChanges(version: Record<string, string>, now: Record<string, string>): FileChange[] {
  const paths = [...new Set([...Object.keys(version), ...Object.keys(now)])].sort((a, b) => a.localeCompare(b));
  return paths.map((path) => {
    const before = version[path];
    const after = now[path];
    if (before === undefined) return { path, status: 'added', linesAdded: lines(after!).length, linesRemoved: 0 };
    if (after === undefined) return { path, status: 'deleted', linesAdded: 0, linesRemoved: lines(before).length };
    if (before === after) return { path, status: 'same', linesAdded: 0, linesRemoved: 0 };
    let linesAdded = 0;
    let linesRemoved = 0;
    for (const part of diffLines(ended(before), ended(after))) {
      if (part.added) linesAdded += part.count ?? 0;
      else if (part.removed) linesRemoved += part.count ?? 0;
    }
    return { path, status: 'changed', linesAdded, linesRemoved };
  });
}

/** The rows of a line diff from the version's text to now's, with long unchanged runs folded. */
export function diffRows(version: string, now: string): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const part of diffLines(ended(version), ended(now))) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const text of lines(part.value)) rows.push({ kind, text });
  }
  return foldUnchanged(rows);
}

function foldUnchanged(rows: DiffRow[]): DiffRow[] {
  const near = rows.map(() => false);
  rows.forEach((row, i) => {
    if (row.kind === 'same') return;
    for (let j = Math.max(0, i - CONTEXT_LINES); j <= Math.min(rows.length - 1, i + CONTEXT_LINES); j++) near[j] = true;
  });
  const out: DiffRow[] = [];
  rows.forEach((row, i) => {
    if (near[i] || row.kind !== 'same') return void out.push(row);
    const last = out.at(-1);
    if (last?.kind === 'skipped') last.lines++;
    else out.push({ kind: 'skipped', lines: 1 });
  });
  return out;
}

/** For each diff row, the line of now's text it shows (counting from 0), or null for a removed or folded row. */
export function nowLinesOf(rows: DiffRow[]): Array<number | null> {
  let line = 0;
  return rows.map((row) => {
    if (row.kind === 'removed') return null;
    if (row.kind === 'skipped') {
      line += row.lines;
      return null;
    }
    return line++;
  });
}
