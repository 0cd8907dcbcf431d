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
  it('re-indexes only the files that changed, never the whole workspace per request', () => {
    const { doc, workspace } = workspaceOf(200, 200); // about 4 MB of code
    buildCompleteRequest(cursor(0), workspace, 2048, 64);
    expect(workspace.index.indexedFiles).toBe(200);

    const started = performance.now();
    for (let i = 1; i <= 40; i++) buildCompleteRequest(cursor(i), workspace, 2048, 64);
    expect(workspace.index.indexedFiles).toBe(200);
    // Generous: a rescan per request took seconds for these 40 on this workspace.
    expect(performance.now() - started).toBeLessThan(3_000);

    doc.getMap<Y.Text>('files').get('src/m42.ts')!.insert(0, '// touched\n');
    buildCompleteRequest(cursor(41), workspace, 2048, 64);
    expect(workspace.index.indexedFiles).toBe(201);
  });

  it('chooses the same snippets as scoring every file afresh', () => {
    const { doc, workspace } = workspaceOf(30, 40);
    doc.getMap<Y.Text>('files').get('src/m3.ts')!.insert(0, 'export const order3 = price5;\n');
    const files = workspace.files().filter((f) => f.path !== 'src/m0.ts');
    const prefix = cursor(1).prefix;
    expect(workspace.relatedSnippets(prefix, 'src/m0.ts', false, 2000)).toEqual(relatedSnippets(files, [], prefix, 2000));
  });

  it('forgets a deleted file', () => {
    const { doc, workspace } = workspaceOf(3, 20);
    const prefix = 'order3.total + price5 + handle2_';
    expect(workspace.relatedSnippets(prefix, 'src/m0.ts', false, 4000).some((s) => s.path === 'src/m2.ts')).toBe(true);
    doc.getMap<Y.Text>('files').delete('src/m2.ts');
    expect(workspace.relatedSnippets(prefix, 'src/m0.ts', false, 4000).some((s) => s.path === 'src/m2.ts')).toBe(false);
  });
});
