/**
 * What the model is told about a failed run: the error taken apart, each frame of the stack with the line
 * it points at, the end of the run's output, the files the stack goes through (the run's own first), and
 * the other files' windows most related to the failing lines. All of it is read from the document on the
 * server: the record the browser wrote, parsed as untrusted text, and the files as they are now.
 */
import { describeRunError, type RunError } from '../../../../lib/shared/document/run-error';
import type { RunRecord } from '../../../../lib/shared/document/run-log';
import type { WorkspaceView } from '../../routing/context';
import { FIX_FORMAT } from './fix-changes';

/** Files whose text goes along whole (up to the cap below): the run's file and the stack's first others. */
const MAX_FILES = 4;
/** A file's share of the prompt: a longer one is sent as the lines around where the error points. */
const FILE_CHARS = 8_000;
/** The run's output kept, from its end: what led up to the error. */
const OUTPUT_CHARS = 2_000;
const SNIPPET_CHARS = 3_000;

export function fixPrompt(run: RunRecord, error: RunError, read: (path: string) => string | null, workspace: WorkspaceView | null): string {
  const files = [...new Set([run.file, ...(error.file ? [error.file] : []), ...error.stack.map((f) => f.file)])].slice(0, MAX_FILES);
  const lineOf = (file: string, line: number) => read(file)?.split('\n')[line - 1]?.trim() ?? '';
  const stack = error.stack.map((f) => `  ${f.file}:${f.line}${f.fn ? ` (${f.fn})` : ''}: ${lineOf(f.file, f.line)}`);
  const output = run.output.map((l) => `[${l.level}] ${l.text}`).join('\n');
  const sources = files.flatMap((file) => {
    const text = read(file);
    if (text === null) return [];
    const lines = [error.line && error.file === file ? error.line : null, ...error.stack.filter((f) => f.file === file).map((f) => f.line)];
    return [`${file}:\n\`\`\`\n${excerpt(text, lines.find((l) => l !== null) ?? 1)}\n\`\`\``];
  });
  const failing = error.stack.map((f) => lineOf(f.file, f.line)).join('\n');
  const related = workspace?.relatedSnippets(`${failing}\n${error.message}`, run.file, false, SNIPPET_CHARS).filter((s) => !files.includes(s.path)) ?? [];
  return [
    `Running ${run.file} failed with an uncaught error:`,
    describeRunError(error),
    ...(stack.length ? [`Stack, with the line each frame is at:\n${stack.join('\n')}`] : []),
    `Output of the run (its end):\n${output.slice(-OUTPUT_CHARS)}`,
    `The files as they are now:\n${sources.join('\n')}`,
    ...(related.length ? [`Related code elsewhere in the workspace:\n${related.map((s) => `${s.path}:\n\`\`\`\n${s.text}\n\`\`\``).join('\n')}`] : []),
    `Fix the cause of the error so that ${run.file} runs without it. ${FIX_FORMAT}`,
  ].join('\n\n');
}

/** The whole file when it fits, else the lines around `line`, marked as cut. */
function excerpt(text: string, line: number): string {
  if (text.length <= FILE_CHARS) return text;
  const lines = text.split('\n');
  let from = Math.max(0, line - 1);
  let to = from + 1;
  let size = lines[from]!.length;
  while ((from > 0 || to < lines.length) && size < FILE_CHARS) {
    if (from > 0) size += lines[--from]!.length + 1;
    if (to < lines.length && size < FILE_CHARS) size += lines[to++]!.length + 1;
  }
  return `${from > 0 ? '…\n' : ''}${lines.slice(from, to).join('\n')}${to < lines.length ? '\n…' : ''}`;
}
