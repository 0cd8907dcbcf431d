import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../helpers/import-graph';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * The file to open first in each source folder. It opens with a comment naming the folder and saying what
 * it holds, so a newcomer can read the tree folder by folder. A new folder adds its line here; the test
 * below finds every folder that holds source, so none is forgotten.
 */
const ENTRY_FILES: Record<string, string> = {
  'lib/shared': 'index.ts',
  'lib/shared/protocol': 'index.ts',
  'lib/shared/protocol/ai': 'index.ts',
  'lib/shared/document': 'doc-model.ts',
  'lib/shared/workspace': 'workspace-files.ts',
  'lib/browser/ai': 'use-spark.ts',
  'lib/browser/collab': 'collab-client.ts',
  'lib/browser/editor': 'use-collab-editor.ts',
  'lib/browser/history': 'use-history.ts',
  'lib/browser/offline': 'local-copy.ts',
  'lib/browser/presence': 'presence-store.ts',
  'lib/browser/run': 'run-file.ts',
  'lib/browser/settings': 'settings.ts',
  'lib/browser/ui': 'use-clipboard.ts',
  'lib/browser/workspace': 'workspace-store.ts',
  server: 'index.ts',
  'server/auth': 'auth-extension.ts',
  'server/http': 'sessions-api.ts',
  'server/history': 'history-service.ts',
  'server/collab/core': 'yjs-endpoint.ts',
  'server/collab/storage': 'storage.ts',
  'server/collab/distribution': 'distributor.ts',
  'server/collab/extensions': 'index.ts',
  'server/ai': 'ai-service.ts',
  'server/ai/routing': 'router.ts',
  'server/ai/tiers': 'model-tier.ts',
  'server/ai/embedded': 'embedded-engine.ts',
  'server/ai/semantic': 'room-language-service.ts',
  'server/ai/spark': 'spark-peer.ts',
  'server/ai/spark/blocks': 'block-parser.ts',
  'server/ai/spark/proposals': 'propose-changes.ts',
  'server/ai/spark/run-fix': 'run-fixer.ts',
  'server/ai/session': 'ai-session.ts',
  'server/ai/discovery': 'discover-local-model.ts',
  'tools/sim': 'main.ts',
  app: 'layout.tsx',
  'app/s/[room]': 'page.tsx',
  components: 'session-view.tsx',
  scripts: 'start-cluster.ts',
  bench: 'main.ts',
  'bench/lib': 'part.ts',
  'bench/parts': 'cluster.ts',
  demo: 'record.ts',
  'demo/lib': 'scene.ts',
  'demo/scenes': 'playground.ts',
  public: 'offline-worker.js',
  'public/sandbox': 'frame.js',
  'test/helpers': 'server-process.ts',
  'e2e/helpers': 'browser.ts',
  'e2e/fixtures': 'two-people.ts',
};

const SOURCE_ROOTS = ['app', 'components', 'lib', 'server', 'tools', 'scripts', 'bench', 'demo', 'public', 'test', 'e2e'];

/** Every folder holding source, except folders of tests: their tests' names say what they hold. */
function sourceFolders(): string[] {
  const files = new Map<string, string[]>();
  for (const file of sourceFiles(repoRoot, SOURCE_ROOTS)) {
    const folder = path.posix.dirname(file);
    files.set(folder, [...(files.get(folder) ?? []), file]);
  }
  return [...files].filter(([, inFolder]) => !inFolder.some((file) => file.endsWith('.test.ts'))).map(([folder]) => folder);
}

describe('folder entry files', () => {
  it('every source folder names its entry file', () => {
    const folders = new Set(sourceFolders());
    expect(folders.size).toBeGreaterThan(40);
    expect([...folders].filter((folder) => !(folder in ENTRY_FILES)).sort()).toEqual([]);
    expect(Object.keys(ENTRY_FILES).filter((folder) => !folders.has(folder)).sort()).toEqual([]);
  });

  it('each entry file opens with a comment saying what its folder holds', () => {
    const missing = Object.entries(ENTRY_FILES).filter(([folder, file]) => {
      const text = fs.readFileSync(path.join(repoRoot, folder, file), 'utf8');
      const opening = text.match(/^\/\/ ([^\n]+)\n/)?.[1] ?? '';
      // The folder's name, a colon, and a description of some length.
      return !opening.startsWith(`${folder}/: `) || opening.length < folder.length + 40;
    });
    expect(missing.map(([folder, file]) => `${folder}/${file}`)).toEqual([]);
  });

  it("the README's architecture section names only folders and files that exist", () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Architecture'), readme.indexOf('\n## ', readme.indexOf('## Architecture') + 1));
    const named = [...section.matchAll(/(?<![\w/.<-])(?:app|components|lib|server|tools|test|e2e|bench|demo|scripts)(?:\/[\w.-]+)*\/?/g)].map((m) => m[0]);
    expect(named.length).toBeGreaterThan(15);
    expect(named.filter((name) => !fs.existsSync(path.join(repoRoot, name)))).toEqual([]);
  });
});
