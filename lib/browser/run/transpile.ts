import { transform } from 'sucrase';

export type TranspiledModule = { ok: true; code: string } | { ok: false; message: string; line: number | null };

const RUNNABLE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;

export function isRunnable(path: string): boolean {
  return RUNNABLE.test(path);
}

/**
 * TypeScript and ES modules to CommonJS, in the browser. Sucrase strips types without type-checking and
 * keeps every statement on its original line, so runtime errors point at the line the user sees.
 */
export function transpileModule(path: string, source: string): TranspiledModule {
  const transforms: Array<'typescript' | 'imports' | 'jsx'> = ['imports'];
  if (/\.(ts|tsx|mts|cts)$/.test(path)) transforms.unshift('typescript');
  if (/x$/.test(path)) transforms.push('jsx');
  try {
    return { ok: true, code: transform(source, { transforms, filePath: path }).code };
  } catch (error) {
    // Sucrase says "Error transforming a.ts: Unexpected token (3:10)": keep the reason, take the place apart.
    const raw = error instanceof Error ? error.message : String(error);
    const place = /\s*\((\d+):\d+\)$/.exec(raw);
    const reason = (place ? raw.slice(0, place.index) : raw).replace(/^Error transforming [^:]*: /, '');
    return { ok: false, message: reason, line: place ? Number(place[1]) : null };
  }
}

/** Every runnable file of the workspace, so `require('./util')` between files works. */
export function transpileWorkspace(files: Record<string, string>): Record<string, TranspiledModule> {
  const out: Record<string, TranspiledModule> = {};
  for (const [path, source] of Object.entries(files)) {
    if (isRunnable(path)) out[path] = transpileModule(path, source);
  }
  return out;
}
