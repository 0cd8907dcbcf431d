import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles, type ImportEdge } from '../helpers/import-graph';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Packages that need a DOM, React or the editor: code the server loads must not pull them in. */
const BROWSER_PACKAGES = /^(react|react-dom|monaco-editor|@monaco-editor\/react|y-monaco|zustand|socket\.io-client|y-websocket|next)(\/|$)/;

/** The imports that break the layer rule: the server and lib/shared never reach into lib/browser. */
function violations(root: string): string[] {
  const files = sourceFiles(root, ['server', 'lib/shared']);
  const show = (edge: ImportEdge) => `${edge.from} imports ${edge.specifier}`;
  return importsOf(root, files)
    .filter((edge) => {
      if (edge.to !== null) return edge.to.startsWith('lib/browser/') || (edge.from.startsWith('lib/shared/') && !edge.to.startsWith('lib/shared/'));
      return edge.from.startsWith('lib/shared/') && BROWSER_PACKAGES.test(edge.specifier);
    })
    .map(show);
}

function scratchTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkpad-layout-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('layer boundaries', () => {
  it('the server and lib/shared import nothing from lib/browser', () => {
    const files = sourceFiles(repoRoot, ['server', 'lib/shared']);
    expect(files.length).toBeGreaterThan(50);
    expect(violations(repoRoot)).toEqual([]);
  });

  it('lib/shared imports only lib/shared and packages that run on both sides', () => {
    const shared = importsOf(repoRoot, sourceFiles(repoRoot, ['lib/shared']));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.filter((edge) => edge.to !== null && !edge.to.startsWith('lib/shared/'))).toEqual([]);
    expect(shared.filter((edge) => edge.to === null && BROWSER_PACKAGES.test(edge.specifier))).toEqual([]);
  });

  it('sees every way a server file can reach lib/browser', () => {
    const root = scratchTree({
      'lib/browser/ai/store.ts': 'export const x = 1;\n',
      'lib/browser/ai/index.ts': 'export const y = 1;\n',
      'lib/shared/rule.ts': "import { create } from 'zustand';\nexport const z = create;\n",
      'server/a.ts': "import { x } from '../lib/browser/ai/store';\n",
      'server/deep/b.ts': "export { y } from '../../lib/browser/ai';\n",
      'server/c.ts': "const m = await import('@/lib/browser/ai/store');\n",
      'server/d.ts': "import type {\n  X,\n} from '../lib/browser/ai/store.ts';\n",
      'server/ok.ts': "// import { x } from '../lib/browser/ai/store';\nimport { z } from '../lib/shared/rule';\n",
    });
    try {
      expect(violations(root)).toEqual([
        "lib/shared/rule.ts imports zustand",
        "server/a.ts imports ../lib/browser/ai/store",
        "server/c.ts imports @/lib/browser/ai/store",
        "server/d.ts imports ../lib/browser/ai/store.ts",
        "server/deep/b.ts imports ../../lib/browser/ai",
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
