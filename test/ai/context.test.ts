import { describe, expect, it } from 'vitest';
import { buildCompleteRequest, CHARS_PER_TOKEN, isEndOfLine, promptWindow, type WorkspaceView } from '../../server/ai/routing/context';
import { relatedSnippets } from '../../server/ai/routing/snippets';

describe('completion context', () => {
  it('trims the prefix from its start and the suffix from its end to fit the budget', () => {
    const prefix = Array.from({ length: 2000 }, (_, i) => `line${i}();`).join('\n') + '\nconst x = ';
    const suffix = '\n' + Array.from({ length: 2000 }, (_, i) => `after${i}();`).join('\n');
    const request = buildCompleteRequest({ path: 'a.ts', language: 'typescript', prefix, suffix }, null, 300, 64);
    expect(request.prefix.length + request.suffix.length).toBeLessThanOrEqual(300 * CHARS_PER_TOKEN);
    expect(request.prefix.endsWith('line1999();\nconst x = ')).toBe(true);
    expect(request.suffix.startsWith('\nafter0();')).toBe(true);
  });

  it('builds the same prompt from the window it announces as from the whole file', () => {
    const prefix = Array.from({ length: 5000 }, (_, i) => `const cell${i} = grid.at(${i % 97});`).join('\n') + '\nconst x = ';
    const suffix = '\n' + Array.from({ length: 5000 }, (_, i) => `after${i}();`).join('\n');
    const window = promptWindow(2048);
    const sent = { path: 'a.ts', language: 'typescript', prefix: prefix.slice(-window.prefixChars), suffix: suffix.slice(0, window.suffixChars) };
    expect(window.prefixChars + window.suffixChars).toBeLessThan(prefix.length / 10);
    expect(buildCompleteRequest(sent, null, 2048, 64)).toEqual(buildCompleteRequest({ ...sent, prefix, suffix }, null, 2048, 64));
  });

  it('looks for related snippets with no more of the prefix than the prompt can hold', () => {
    const queries: string[] = [];
    const workspace: WorkspaceView = { files: () => [], relatedSnippets: (query) => (queries.push(query), []) };
    const prefix = 'x'.repeat(1_000_000) + '\nconst total = ';
    buildCompleteRequest({ path: 'a.ts', language: 'typescript', prefix, suffix: '' }, workspace, 300, 64);
    expect(queries).toHaveLength(1);
    expect(queries[0]!.length).toBeLessThanOrEqual(300 * CHARS_PER_TOKEN);
    expect(queries[0]!.endsWith('const total = ')).toBe(true);
  });

  it('is multi-line only at the end of a line', () => {
    expect(isEndOfLine('   \nnext')).toBe(true);
    expect(isEndOfLine(');\nnext')).toBe(false);
  });

  it('picks snippets of other files that share identifiers with the code at the cursor, in a stable order', () => {
    const files = [
      { path: 'b.ts', text: 'export function totalPrice(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}' },
      { path: 'a.ts', text: 'export const colours = ["red", "green"];' },
    ];
    const snippets = relatedSnippets(files, [], 'const price = totalPrice(items', 2000);
    expect(snippets.map((s) => s.path)).toEqual(['b.ts']);
    const withEdits = relatedSnippets(files, [{ path: 'z.ts', text: 'recent()' }], 'totalPrice(items', 2000);
    expect(withEdits.map((s) => s.path)).toEqual(['b.ts', 'z.ts']);
  });
});
