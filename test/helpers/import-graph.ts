import fs from 'node:fs';
import path from 'node:path';

/** One import in the tree: the file that imports, what it wrote, and the repository file it resolves to. */
export interface ImportEdge {
  from: string;
  specifier: string;
  /** Repository-relative path of the imported file; null for a package (`yjs`, `node:fs`). */
  to: string | null;
}

const SKIP_DIRS = new Set(['node_modules', '.next', '.git', 'data', 'out', 'results']);
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.tsx'];

// Static `import … from`, `export … from`, side-effect `import '…'`, dynamic `import('…')` and `require('…')`.
const SPECIFIER =
  /(?:\b(?:import|export)\s[^'"`;]*?\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;
const COMMENT = /\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/[^\n]*/g;

/** Source files under `dirs` (repository-relative), found on disk. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    const full = path.join(root, rel);
    if (!fs.existsSync(full)) return;
    for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(child);
      } else if (SOURCE.test(entry.name)) found.push(child);
    }
  };
  for (const dir of dirs) walk(dir);
  return found.sort();
}

/** The path a relative or `@/` specifier points at, as the bundler and tsconfig `paths` resolve it. */
function resolveSpecifier(root: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = specifier.slice(2);
  else if (specifier.startsWith('./') || specifier.startsWith('../')) {
    base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  } else return null;
  for (const suffix of RESOLVE_SUFFIXES) {
    const candidate = base + suffix;
    if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) return candidate;
  }
  // An unresolvable path still names where it points, so a check over folders sees it.
  return base;
}

/** Every import written in the given files. Comments are ignored; string contents are not parsed. */
export function importsOf(root: string, files: string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = fs.readFileSync(path.join(root, from), 'utf8').replace(COMMENT, '$1');
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[2];
      edges.push({ from, specifier, to: resolveSpecifier(root, from, specifier) });
    }
  }
  return edges;
}
