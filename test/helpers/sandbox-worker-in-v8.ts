import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import type { ExitStatus, OutputLine } from '../../lib/shared/document/run-log';
import { transpileWorkspace } from '../../lib/browser/run/transpile';
import { buildWorkerSource } from '../../lib/browser/run/worker-source';

const RUNTIME = readFileSync(new URL('../../public/sandbox/worker-runtime.js', import.meta.url), 'utf8');

/**
 * Runs a workspace as the sandbox's worker does, in a V8 context of its own (the engine of the browser's
 * worker): the same worker script and runtime, so the stacks it reports are V8's own, from a blob-like URL.
 */
export function runWorkerInV8(entry: string, files: Record<string, string>): Promise<{ status: ExitStatus; output: OutputLine[] }> {
  const { source } = buildWorkerSource(entry, transpileWorkspace(files), RUNTIME);
  const output: OutputLine[] = [];
  return new Promise((resolve) => {
    const context: Record<string, unknown> = {
      console: {},
      setTimeout,
      addEventListener: () => undefined,
      postMessage: (message: { type: string; level?: OutputLine['level']; text?: string; status?: ExitStatus }) => {
        if (message.type === 'console') output.push({ level: message.level!, text: message.text! });
        if (message.type === 'exit') resolve({ status: message.status!, output });
      },
    };
    context.self = context;
    vm.runInNewContext(source, context, { filename: 'blob:null/5f1c2e9a-0d3b-4c55-9f1e-2a7c1b8d9e00' });
  });
}
