import { z } from 'zod';
import type { OutputLine, RunRecord } from './run-log';

/**
 * The error of a failed run, taken apart: what went wrong, where, and the stack, with every place in a
 * file of the room. The run sandbox reports an uncaught error as one output line of level `error`:
 *
 *     Uncaught TypeError: Cannot read properties of undefined (reading 'n') (calc.ts:3)
 *         at total (calc.ts:3:14)
 *         at main.ts:5:1
 *
 * (public/sandbox/worker-runtime.js writes it with the stack already mapped back to the files; the frame
 * writes the header alone when the whole script fails to parse). Frames in the Firefox and Safari form
 * (`total@calc.ts:3:14`) are read too. The output is written by a browser, so it is parsed as untrusted
 * text: a place that does not name a file of the room is no place.
 */

/** Frames kept: the top of the stack is what a fix needs. */
export const MAX_STACK_FRAMES = 20;

export const stackFrameSchema = z.object({
  /** The function's name as the engine gave it; null at a module's top level. */
  fn: z.string().max(200).nullable(),
  file: z.string().min(1).max(512),
  line: z.number().int().positive(),
  column: z.number().int().positive().nullable(),
});
export type StackFrame = z.infer<typeof stackFrameSchema>;

export const runErrorSchema = z.object({
  /** `Error`, `TypeError`, `SyntaxError`, … */
  name: z.string().min(1).max(80),
  message: z.string().max(2_000),
  /** Where it was thrown: the header's place, else the top frame's; null when neither names a room file. */
  file: z.string().min(1).max(512).nullable(),
  line: z.number().int().positive().nullable(),
  stack: z.array(stackFrameSchema).max(MAX_STACK_FRAMES),
});
export type RunError = z.infer<typeof runErrorSchema>;

const UNCAUGHT = 'Uncaught ';
const HEADER = /^([A-Za-z_$][\w$.]*): ([\s\S]*)$/;
const PLACE = /\s\(([^()]+):(\d+)\)$/;
const FRAME_V8 = /^\s*at (?:(.*?) \()?([^()]*?):(\d+)(?::(\d+))?\)?$/;
const FRAME_OTHER = /^\s*([^@\s]*)@([^@]*?):(\d+)(?::(\d+))?$/;

function frameOf(text: string, isFile: (path: string) => boolean): StackFrame | null | undefined {
  const match = FRAME_V8.exec(text) ?? FRAME_OTHER.exec(text);
  if (!match) return undefined;
  const [, fn, file = '', line, column] = match;
  if (!isFile(file)) return null;
  return stackFrameSchema.parse({ fn: fn ? fn.slice(0, 200) : null, file, line: Number(line), column: column ? Number(column) : null });
}

/**
 * The first uncaught error in a run's output, or null when there is none. `files` are the room's file
 * paths: places in any other file (the runtime's, a blob URL, a made-up name) are left out.
 */
export function parseRunError(output: readonly OutputLine[], files: Iterable<string>): RunError | null {
  const known = new Set(files);
  const isFile = (path: string) => known.has(path);
  const line = output.find((l) => l.level === 'error' && l.text.startsWith(UNCAUGHT));
  if (!line) return null;
  const [first = '', ...rest] = line.text.slice(UNCAUGHT.length).split('\n');
  const messageLines = [first];
  const stack: StackFrame[] = [];
  for (const text of rest) {
    const frame = frameOf(text, isFile);
    if (frame === undefined && stack.length === 0) messageLines.push(text);
    else if (frame && stack.length < MAX_STACK_FRAMES) stack.push(frame);
  }
  let header = messageLines.join('\n').trimEnd();
  let place: { file: string; line: number } | null = null;
  const at = PLACE.exec(header);
  if (at && isFile(at[1]!)) {
    place = { file: at[1]!, line: Number(at[2]) };
    header = header.slice(0, at.index);
  }
  const named = HEADER.exec(header);
  const top = stack[0];
  return runErrorSchema.parse({
    name: named ? named[1]!.slice(0, 80) : 'Error',
    message: (named ? named[2]! : header).slice(0, 2_000),
    file: place?.file ?? top?.file ?? null,
    line: place?.line ?? top?.line ?? null,
    stack,
  });
}

/** A failed run's error, when the run failed and said why. */
export function failureOf(run: RunRecord, files: Iterable<string>): RunError | null {
  return run.status === 'error' ? parseRunError(run.output, files) : null;
}

/** "TypeError: x is not a function (calc.ts:3)", as a person reads it. */
export function describeRunError(error: RunError): string {
  return `${error.name}: ${error.message}${error.file ? ` (${error.file}:${error.line})` : ''}`;
}
