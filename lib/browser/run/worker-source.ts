import type { TranspiledModule } from './transpile';

/** Where each module's body sits in the worker script: its first and last line (1-based, inclusive). */
export type ModuleSpans = Record<string, [start: number, end: number]>;

/**
 * Builds the worker's whole script: every module's code inlined as a function (no eval, which the CSP
 * forbids), the lines each module's body spans (to map error lines back to the user's files, and to
 * leave the runtime's own lines out of a stack), then the runtime (public/sandbox/worker-runtime.js).
 */
export function buildWorkerSource(entry: string, modules: Record<string, TranspiledModule>, runtime: string): { source: string; spans: ModuleSpans } {
  const lines: string[] = ['self.__modules = {};'];
  const spans: ModuleSpans = {};
  for (const [path, module] of Object.entries(modules)) {
    lines.push(`self.__modules[${JSON.stringify(path)}] = function (exports, require, module) {`);
    const start = lines.length + 1;
    if (module.ok) lines.push(...module.code.split('\n'));
    else {
      // The throw stands on the line the transpiler stopped at, so the error maps back to that line.
      for (let line = 1; line < (module.line ?? 1); line++) lines.push('');
      lines.push(`throw new SyntaxError(${JSON.stringify(module.message)});`);
    }
    spans[path] = [start, lines.length];
    lines.push('};');
  }
  lines.push(`self.__spans = ${JSON.stringify(spans)};`);
  lines.push(`self.__entry = ${JSON.stringify(entry)};`);
  lines.push(runtime);
  return { source: lines.join('\n'), spans };
}
