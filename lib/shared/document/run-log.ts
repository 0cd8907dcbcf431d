import * as Y from 'yjs';
import { z } from 'zod';
import { peerColorSchema } from '../protocol/awareness';

/**
 * The room's finished runs, kept in the shared document: `doc.getArray('runs')`, one plain JSON record per
 * run. The browser that ran the code appends it; the server refuses a record that does not match the
 * schema, and readers parse every record anyway.
 */

export const RUNS_KEY = 'runs';
/** Runs kept in the document; older ones drop off. */
export const MAX_RUNS = 20;
/** Output kept per run, so a chatty loop cannot bloat the shared document. */
export const MAX_OUTPUT_LINES = 200;
export const MAX_OUTPUT_CHARS = 20_000;

export const outputLevelSchema = z.enum(['log', 'info', 'warn', 'error', 'debug', 'system']);
export type OutputLevel = z.infer<typeof outputLevelSchema>;
export const outputLineSchema = z.object({ level: outputLevelSchema, text: z.string().max(MAX_OUTPUT_CHARS) });
export type OutputLine = z.infer<typeof outputLineSchema>;
export const exitStatusSchema = z.enum(['ok', 'error', 'timeout']);
export type ExitStatus = z.infer<typeof exitStatusSchema>;

/** A finished run as everyone in the room sees it. */
export const runRecordSchema = z.object({
  id: z.string().min(1).max(80),
  by: z.string().min(1).max(80),
  color: peerColorSchema,
  file: z.string().max(512),
  startedAt: z.number(),
  durationMs: z.number().nonnegative(),
  status: exitStatusSchema,
  output: z.array(outputLineSchema).max(MAX_OUTPUT_LINES),
  /** True when the output was cut to fit the caps above. */
  truncated: z.boolean(),
  /** The fix this run checks: set when Spark asked this browser to run the file again after a fix. */
  rerunOf: z.string().min(1).max(80).optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

export function runsOf(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(RUNS_KEY);
}

/** The runs as records, oldest first; entries that do not parse are left out. */
export function readRuns(doc: Y.Doc): RunRecord[] {
  const out: RunRecord[] = [];
  for (const entry of runsOf(doc).toArray()) {
    const parsed = runRecordSchema.safeParse(entry);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
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
