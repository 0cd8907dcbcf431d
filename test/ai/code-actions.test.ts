import { describe, expect, it } from 'vitest';
import { SemanticEngine } from '../../server/ai/semantic/semantic-engine';

const MATH = 'export function add(a: number, b: number) {\n  return a + b;\n}\nexport const zero = 0;\n';
const MAIN =
  "import { zero } from './math';\nimport { readFileSync } from './fs-like';\nimport { add } from './math';\n\n" +
  'export function total(items: number[], start: number) {\n  return items.reduce(add, start + zero);\n}\n';

function engine(): SemanticEngine {
  const semantic = new SemanticEngine();
  semantic.room('r').set('src/math.ts', MATH);
  semantic.room('r').set('src/fs-like.ts', 'export const readFileSync = () => "";\n');
  semantic.room('r').set('src/main.ts', MAIN);
  return semantic;
}

/** Applies a line replacement the way Spark's typed edit ends. */
function apply(text: string, change: { from: number; to: number; after: string }): string {
  return text.slice(0, change.from) + change.after + text.slice(change.to);
}

describe('language-service actions', () => {
  const at = MAIN.indexOf('export function total');
  const end = MAIN.indexOf('\n}\n', at) + 3;

  it('offers a JSDoc template, organize imports and refactors for a selected function', () => {
    const titles = engine().actions({ room: 'r', path: 'src/main.ts', from: at, to: end }).map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['Add JSDoc', 'Organize imports']));
  });

  it('writes the JSDoc template above the function, as whole lines', () => {
    const change = engine().action({ room: 'r', path: 'src/main.ts', from: at, to: end, id: 'jsdoc' })!;
    expect(change.before).toBe('export function total(items: number[], start: number) {\n');
    expect(apply(MAIN, change)).toContain('/**\n * \n * @param items\n * @param start\n */\nexport function total(');
  });

  it('does not offer a JSDoc template for a function that already has one, in TypeScript or JavaScript', () => {
    const semantic = engine();
    for (const path of ['src/doc.ts', 'src/doc.js']) {
      const code = `/**\n * Adds one.\n * @param n\n */\nexport function next(n) {\n  return n + 1;\n}\n/* not a doc */\nexport function last(n) {\n  return n;\n}\n`;
      semantic.room('r').set(path, code);
      const titlesAt = (name: string) => semantic.actions({ room: 'r', path, from: code.indexOf(name), to: code.indexOf(name) }).map((a) => a.title);
      expect(titlesAt('export function next')).not.toContain('Add JSDoc');
      expect(titlesAt('export function last')).toContain('Add JSDoc');
    }
  });

  it('organizes imports: unused ones go, the rest are merged and sorted', () => {
    const change = engine().action({ room: 'r', path: 'src/main.ts', from: at, to: at, id: 'organize-imports' })!;
    expect(apply(MAIN, change).split('\n\n')[0]).toBe("import { add, zero } from './math';");
  });

  it('adds a missing import from another room file', () => {
    const semantic = engine();
    semantic.room('r').set('src/use.ts', 'export const three = add(1, 2);\n');
    const offers = semantic.actions({ room: 'r', path: 'src/use.ts', from: 0, to: 0 }).map((a) => a.id);
    expect(offers).toContain('fix-all');
    const change = semantic.action({ room: 'r', path: 'src/use.ts', from: 0, to: 0, id: 'fix-all' })!;
    expect(apply('export const three = add(1, 2);\n', change)).toBe('import { add } from "./math";\n\nexport const three = add(1, 2);\n');
  });

  it('offers nothing for a file the service does not read', () => {
    const semantic = engine();
    semantic.room('r').set('notes.md', '# notes\n');
    expect(semantic.actions({ room: 'r', path: 'notes.md', from: 0, to: 3 })).toEqual([]);
  });

  it('converts a promise chain to an async function, and a function expression to an arrow', () => {
    const code = 'export function load(url: string): Promise<number> {\n  return fetch(url).then((r) => r.json()).then((j) => j.count);\n}\nconst add = function (a: number, b: number) {\n  return a + b;\n};\n';
    const semantic = new SemanticEngine();
    semantic.room('r').set('src/load.ts', code);
    const async = semantic.actions({ room: 'r', path: 'src/load.ts', from: 0, to: 30 }).find((a) => a.title === 'Convert to async function')!;
    const converted = apply(code, semantic.action({ room: 'r', path: 'src/load.ts', from: 0, to: 30, id: async.id })!);
    expect(converted).toContain('export async function load(url: string): Promise<number> {\n  const r = await fetch(url);');
    const at = code.indexOf('function (a');
    const arrow = semantic.actions({ room: 'r', path: 'src/load.ts', from: at, to: at + 8 }).find((a) => a.title === 'Convert to arrow function')!;
    expect(apply(code, semantic.action({ room: 'r', path: 'src/load.ts', from: at, to: at + 8, id: arrow.id })!)).toContain('const add = (a: number, b: number) => a + b;');
  });
});
