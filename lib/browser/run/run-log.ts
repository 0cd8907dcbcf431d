import * as Y from 'yjs';
import type { ExitStatus, OutputLine } from './run-in-sandbox';

/** A finished run as everyone in the room sees it. Plain JSON inside a Y.Array. */
export interface RunRecord {
  id: string;
  by: string;
  color: string;
  file: string;
  startedAt: number;
  durationMs: number;
  status: ExitStatus;
  output: OutputLine[];
  /** True when the output was cut to fit the caps below. */
  truncated: boolean;
}

/** Runs kept in the document; older ones drop off. */
export const MAX_RUNS = 20;
/** Output kept per run, so a chatty loop cannot bloat the shared document. */
export const MAX_OUTPUT_LINES = 200;
export const MAX_OUTPUT_CHARS = 20_000;

export function runsOf(doc: Y.Doc): Y.Array<RunRecord> {
  return doc.getArray<RunRecord>('runs');
}

export function capOutput(lines: OutputLine[]): { output: OutputLine[]; truncated: boolean } {
  const output: OutputLine[] = [];
  let chars = 0;
  for (const line of lines) {
    if (output.length >= MAX_OUTPUT_LINES || chars + line.text.length > MAX_OUTPUT_CHARS) {
      return { output, truncated: true };
    }
    output.push(line);
    chars += line.text.length;
  }
  return { output, truncated: false };
}

/** Appends a run and drops the oldest beyond MAX_RUNS, in one transaction. */
export function recordRun(doc: Y.Doc, run: Omit<RunRecord, 'output' | 'truncated'> & { output: OutputLine[] }): void {
  const runs = runsOf(doc);
  doc.transact(() => {
    runs.push([{ ...run, ...capOutput(run.output) }]);
    if (runs.length > MAX_RUNS) runs.delete(0, runs.length - MAX_RUNS);
  });
}
