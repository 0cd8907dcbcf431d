// lib/browser/run/: running code in the browser: transpiling, the sandboxed frame and worker, and the run
// log shared through the document. runFile is the entry point.

import { nanoid } from 'nanoid';
import type { CollabClient } from '../collab/collab-client';
import { fileTexts } from '../../shared/document/doc-model';
import type { AwarenessUser } from '../../shared/protocol/awareness';
import { runInSandbox, type OutputLine } from './run-in-sandbox';
import { recordRun } from '../../shared/document/run-log';
import { useRunStore } from './run-store';
import { isRunnable } from './transpile';

/** Time limit for one run: long enough for a demo loop, short enough that a hang is obvious. */
export const RUN_TIMEOUT_MS = 3_000;

const STATUS_TEXT = {
  ok: 'exited normally',
  error: 'exited with an error',
  timeout: `stopped: still running after ${RUN_TIMEOUT_MS / 1000} s (endless loop?)`,
} as const;

/**
 * Runs one file of the session in the sandbox and shares the result with the room (edit links). A
 * view-only person can run too; their result stays on their screen. `rerunOf` marks the run as the check
 * of a fix Spark made. False when it did not start (another run is going, or the file cannot run).
 */
export async function runFile(client: CollabClient, path: string, user: AwarenessUser, options: { rerunOf?: string } = {}): Promise<boolean> {
  const store = useRunStore.getState();
  if (store.running) return false;
  if (!isRunnable(path)) return false;
  const files = Object.fromEntries(fileTexts(client.doc));
  store.start(path);
  const output: OutputLine[] = [];
  const startedAt = Date.now();
  const status = await runInSandbox({
    entry: path,
    files,
    timeoutMs: RUN_TIMEOUT_MS,
    onOutput: (line) => {
      output.push(line);
      useRunStore.getState().append(line);
    },
  });
  const durationMs = Date.now() - startedAt;
  output.push({ level: 'system', text: `${path} ${STATUS_TEXT[status]} in ${durationMs} ms` });
  useRunStore.getState().finish();
  if (client.canEdit) {
    const rerun = options.rerunOf ? { rerunOf: options.rerunOf } : {};
    recordRun(client.doc, { id: nanoid(10), by: user.name, color: user.color, file: path, startedAt, durationMs, status, output, ...rerun });
  } else {
    useRunStore.setState({ localResult: { file: path, status, output, durationMs } });
  }
  return true;
}
