/**
 * Planned changes as the hunks a person reviews: each replacement is split by a line diff (the `diff`
 * package) into the runs of lines it really changes, so a rewrite of twenty lines that touches two shows
 * two hunks, each accepted or rejected on its own. A creation is one hunk.
 */
import { diffArrays } from 'diff';
import { MAX_HUNK_CHARS, MAX_HUNKS } from '../../../../lib/shared/document/proposals';
import type { FileChange } from '../file-change';

/** One hunk in offsets over its file's current text. */
export interface PlannedHunk {
  file: string;
  kind: 'replace' | 'create';
  from: number;
  to: number;
  removed: string;
  added: string;
}

/**
 * The hunks of `changes`, read against each file's current text (`textOf`; null when there is no such
 * file). `final` false means the texts are still being written: the old lines at the end that the new
 * text has not reached yet are not shown as removed, and the line being written is shown as soon as it
 * departs from the old line it is retyping (while it only repeats it, nothing changes there yet).
 */
export function plannedHunks(textOf: (file: string) => string | null, changes: readonly FileChange[], final: boolean): { hunks: PlannedHunk[]; cut: boolean } {
  const hunks: PlannedHunk[] = [];
  for (const change of changes) {
    if (change.kind === 'create') {
      hunks.push({ file: change.file, kind: 'create', from: 0, to: 0, removed: '', added: change.text });
      continue;
    }
    const text = textOf(change.file);
    if (text === null) continue;
    // Hunks are whole lines: the change is widened to the lines it touches, their untouched parts kept.
    const from = Math.max(0, Math.min(change.from, text.length));
    const to = Math.max(from, Math.min(change.to, text.length));
    const start = text.lastIndexOf('\n', from - 1) + 1;
    const lineEnd = text.indexOf('\n', to);
    const end = to > start && text[to - 1] === '\n' ? to : lineEnd === -1 ? text.length : lineEnd + 1;
    const written = text.slice(start, from) + change.text;
    const added = final ? written + text.slice(to, end) : written;
    hunks.push(...lineHunks(change.file, start, text.slice(start, end), added, final));
  }
  const fits = hunks.filter((hunk) => hunk.removed.length <= MAX_HUNK_CHARS && hunk.added.length <= MAX_HUNK_CHARS);
  return { hunks: fits.slice(0, MAX_HUNKS), cut: fits.length !== hunks.length || fits.length > MAX_HUNKS };
}

/** The runs of lines that differ between `old` (at `base` in its file) and `written`. */
function lineHunks(file: string, base: number, old: string, written: string, final: boolean): PlannedHunk[] {
  const partial = final ? '' : written.slice(written.lastIndexOf('\n') + 1);
  const hunks: PlannedHunk[] = [];
  let offset = base;
  let open: PlannedHunk | null = null;
  let openRemovedLines: string[] = [];
  let openAddedLines = 0;
  const close = () => {
    if (open && (open.removed || open.added)) hunks.push(open);
    open = null;
    openRemovedLines = [];
    openAddedLines = 0;
  };
  for (const part of diffArrays(splitLines(old), splitLines(written.slice(0, written.length - partial.length)))) {
    const chars = part.value.join('');
    if (!part.added && !part.removed) {
      close();
      offset += chars.length;
      continue;
    }
    open ??= { file, kind: 'replace', from: offset, to: offset, removed: '', added: '' };
    if (part.removed) {
      open.removed += chars;
      open.to += chars.length;
      openRemovedLines.push(...part.value);
      offset += chars.length;
    } else {
      open.added += chars;
      openAddedLines += part.value.length;
    }
  }
  if (final) {
    close();
    return hunks;
  }
  // While streaming, the old lines after the last one written have not been reached: a trailing hunk
  // replaces only as many of them as it has new lines so far.
  let reached = offset;
  if (open !== null && offset === base + old.length) {
    const last: PlannedHunk = open;
    const kept = openRemovedLines.slice(0, openAddedLines).join('');
    last.removed = kept;
    last.to = last.from + kept.length;
    reached = last.to;
  }
  close();
  // The line being written shows once it stops repeating the old line it reaches: as that line's new
  // version when it began like it, else as a line inserted before it.
  const next = splitLines(old.slice(reached - base))[0] ?? '';
  if (partial && !next.startsWith(partial)) {
    const replaced = sharedStart(partial, next) >= SAME_LINE_CHARS ? next : '';
    const last = hunks.at(-1);
    if (last && last.to === reached) {
      last.added += partial;
      last.removed += replaced;
      last.to += replaced.length;
    } else hunks.push({ file, kind: 'replace', from: reached, to: reached + replaced.length, removed: replaced, added: partial });
  }
  return hunks;
}

/** Characters besides indentation a line being written shares with the old one to be read as its new version. */
const SAME_LINE_CHARS = 3;

function sharedStart(a: string, b: string): number {
  const x = a.trimStart();
  const y = b.trimStart();
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
