import type { TranspiledModule } from './transpile';

/**
 * Builds the worker's whole script: every module's code inlined as a function (no eval, which the CSP
 * forbids), the line where each module's body starts (to map error lines back), then the runtime
 * (public/sandbox/worker-runtime.js).
 */
export function buildWorkerSource(entry: string, modules: Record<string, TranspiledModule>, runtime: string): string {
  const lines: string[] = ['self.__modules = {};'];
  const starts: Record<string, number> = {};
  for (const [path, module] of Object.entries(modules)) {
    lines.push(`self.__modules[${JSON.stringify(path)}] = function (exports, require, module) {`);
    starts[path] = lines.length + 1;
    if (module.ok) lines.push(...module.code.split('\n'));
    else lines.push(`throw new SyntaxError(${JSON.stringify(`${path}: ${module.message}`)});`);
    lines.push('};');
  }
  lines.push(`self.__starts = ${JSON.stringify(starts)};`);
  lines.push(`self.__entry = ${JSON.stringify(entry)};`);
  lines.push(runtime);
  return lines.join('\n');
}
