import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCompleteRequest } from '../../server/ai/routing/context';
import { relatedSnippets } from '../../server/ai/routing/snippets';
import { RoomWorkspace } from '../../server/ai/spark/room-workspace';

/** A file of `lines` lines whose identifiers are shared with its neighbours, so every query finds candidates. */
function moduleText(n: number, lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(`export function handle${n}_${i}(order${i % 7}, price${(n + i) % 11}) { return order${i % 7}.total + price${(n + i) % 11}; }`);
  return out.join('\n');
}

function workspaceOf(files: number, linesPerFile: number): { doc: Y.Doc; workspace: RoomWorkspace } {
  const doc = new Y.Doc();
  const map = doc.getMap<Y.Text>('files');
  doc.transact(() => {
    for (let n = 0; n < files; n++) map.set(`src/m${n}.ts`, new Y.Text(moduleText(n, linesPerFile)));
  });
  return { doc, workspace: new RoomWorkspace(doc) };
}

const cursor = (i: number) => ({ path: 'src/m0.ts', language: 'typescript', prefix: `const t${i} = order3.total + price5 + handle7_`, suffix: '\n' });

describe('completion context in a room at the document limit', () => {
  it('indexes in slices: the first question waits for none of it, later ones re-index only changed files', async () => {
    const { doc, workspace } = workspaceOf(200, 200); // about 4 MB of code
    buildCompleteRequest(cursor(0), workspace, 2048, 64);
    // The question took a slice of the indexing; the rest runs in the background.
    expect(workspace.index.indexedFiles).toBeLessThan(200);
    await workspace.settled();
    expect(workspace.index.indexedFiles).toBe(200);

    for (let i = 1; i <= 40; i++) buildCompleteRequest(cursor(i), workspace, 2048, 64);
    expect(workspace.index.indexedFiles).toBe(200);

    doc.getMap<Y.Text>('files').get('src/m42.ts')!.insert(0, '// touched\n');
    await workspace.settled();
    buildCompleteRequest(cursor(41), workspace, 2048, 64);
    expect(workspace.index.indexedFiles).toBe(201);
  });

  it('indexes a file at the document limit in slices, never in one go', async () => {
    const doc = new Y.Doc();
    doc.getMap<Y.Text>('files').set('src/huge.ts', new Y.Text(moduleText(1, 60_000))); // about 5 MB, one file
    const workspace = new RoomWorkspace(doc);
    buildCompleteRequest({ ...cursor(0), path: 'src/other.ts' }, workspace, 2048, 64);
    expect(workspace.index.indexedFiles).toBe(0);
    await workspace.settled();
    expect(workspace.index.indexedFiles).toBe(1);
    const near = moduleText(1, 30_010).split('\n').slice(30_000).join('\n');
    expect(workspace.relatedSnippets(near, 'src/other.ts', false, 2000)[0]?.text).toContain('handle1_30005(');
  });

  it('chooses the same snippets as scoring every file afresh', async () => {
    const { doc, workspace } = workspaceOf(30, 40);
    doc.getMap<Y.Text>('files').get('src/m3.ts')!.insert(0, 'export const order3 = price5;\n');
    await workspace.settled();
    const files = workspace.files().filter((f) => f.path !== 'src/m0.ts');
    const prefix = cursor(1).prefix;
    expect(workspace.relatedSnippets(prefix, 'src/m0.ts', false, 2000)).toEqual(relatedSnippets(files, [], prefix, 2000));
  });

  it('forgets a deleted file at once', async () => {
    const { doc, workspace } = workspaceOf(3, 20);
    await workspace.settled();
    const prefix = 'order3.total + price5 + handle2_';
    expect(workspace.relatedSnippets(prefix, 'src/m0.ts', false, 4000).some((s) => s.path === 'src/m2.ts')).toBe(true);
    doc.getMap<Y.Text>('files').delete('src/m2.ts');
    expect(workspace.relatedSnippets(prefix, 'src/m0.ts', false, 4000).some((s) => s.path === 'src/m2.ts')).toBe(false);
  });
});
