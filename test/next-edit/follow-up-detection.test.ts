import { describe, expect, it } from 'vitest';
import { SemanticEngine } from '../../server/ai/semantic/semantic-engine';

const GREET = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
const MAIN = "import { greet } from './greet';\n\nconsole.log(greet('Ada'));\nconsole.log(greet('Grace'));\n";

/** A room with the two files, then `path` changed by replacing `before` (its first occurrence) with `after`. */
function changed(files: Record<string, string>, path: string, before: string, after: string) {
  const engine = new SemanticEngine();
  for (const [name, text] of Object.entries(files)) engine.room('r').set(name, text);
  const old = files[path]!;
  const from = old.indexOf(before);
  engine.room('r').set(path, old.slice(0, from) + after + old.slice(from + before.length));
  return { engine, change: { room: 'r', path, from, to: from + after.length, before } };
}

function applied(text: string, edits: Array<{ from: number; to: number; after: string }>): string {
  return [...edits].sort((a, b) => b.from - a.from).reduce((t, e) => t.slice(0, e.from) + e.after + t.slice(e.to), text);
}

describe('next-edit detection', () => {
  it('finds every reference still using a renamed function’s old name, in the other file', () => {
    const { engine, change } = changed({ 'greet.ts': GREET, 'main.ts': MAIN }, 'greet.ts', 'greet', 'welcome');
    const edits = engine.followUps(change);
    expect(edits.map((e) => [e.path, e.before, e.after, e.kind])).toEqual([
      ['main.ts', 'greet', 'welcome', 'rename'],
      ['main.ts', 'greet', 'welcome', 'rename'],
      ['main.ts', 'greet', 'welcome', 'rename'],
    ]);
    expect(applied(MAIN, edits)).toBe("import { welcome } from './greet';\n\nconsole.log(welcome('Ada'));\nconsole.log(welcome('Grace'));\n");
    expect(edits[0]!.title).toBe('greet → welcome');
  });

  it('sees a rename typed in the middle of a name (only some letters changed)', () => {
    const { engine, change } = changed({ 'greet.ts': GREET, 'main.ts': MAIN }, 'greet.ts', 'eet(', 'ab(');
    // The span and its old text are what the person changed: the rest of the name is found around it.
    const edits = engine.followUps({ ...change, to: change.to - 1, before: 'eet' });
    expect(edits).toHaveLength(3);
    expect(edits.every((e) => e.before === 'greet' && e.after === 'grab')).toBe(true);
  });

  it('skips references that were already renamed, and offers nothing once all are', () => {
    const partly = MAIN.replace("greet('Ada')", "welcome('Ada')");
    const { engine, change } = changed({ 'greet.ts': GREET, 'main.ts': partly }, 'greet.ts', 'greet', 'welcome');
    expect(engine.followUps(change)).toHaveLength(2);
    const done = MAIN.replaceAll('greet', 'welcome');
    const again = changed({ 'greet.ts': GREET, 'main.ts': done }, 'greet.ts', 'greet', 'welcome');
    expect(again.engine.followUps(again.change)).toEqual([]);
  });

  it('offers nothing when a call site, not a declaration, was renamed', () => {
    const { engine, change } = changed({ 'greet.ts': GREET, 'main.ts': MAIN }, 'main.ts', "greet('Ada')", "hello('Ada')");
    expect(engine.followUps({ ...change, to: change.from + 'hello'.length, before: 'greet' })).toEqual([]);
  });

  it('finds renamed uses in the same file of a script’s global function, after the change first', () => {
    const script = 'function area(r: number) {\n  return r * r;\n}\nconst a = area(2);\n';
    const { engine, change } = changed({ 'shapes.ts': script, 'use.ts': 'const b = area(3);\n' }, 'shapes.ts', 'area', 'surface');
    expect(engine.followUps(change).map((e) => [e.path, e.after])).toEqual([
      ['shapes.ts', 'surface'],
      ['use.ts', 'surface'],
    ]);
  });

  it('adds an argument at each call site when a parameter is added, passing a value of that name when the call can see one', () => {
    const withName = MAIN.replace("console.log(greet('Grace'));", "const punctuation = '?';\nconsole.log(greet('Grace'));");
    const { engine, change } = changed({ 'greet.ts': GREET, 'main.ts': withName }, 'greet.ts', 'name: string', 'name: string, punctuation: string');
    const edits = engine.followUps({ ...change, from: change.from + 'name: string'.length, before: '' });
    expect(edits.map((e) => [e.before, e.after, e.kind])).toEqual([
      ["('Ada')", "('Ada', punctuation)", 'signature'],
      ["('Grace')", "('Grace', punctuation)", 'signature'],
    ]);
    expect(edits[0]!.title).toBe('add an argument to greet(…)');
  });

  it('passes an empty value of the new parameter’s type where no such name is in scope', () => {
    const { engine, change } = changed({ 'greet.ts': GREET, 'main.ts': MAIN }, 'greet.ts', 'name: string', 'name: string, times: number');
    const edits = engine.followUps({ ...change, from: change.from + 'name: string'.length, before: '' });
    expect(applied(MAIN, edits)).toContain("greet('Ada', 0)");
  });

  it('drops an argument a removed parameter no longer takes, and leaves optional parameters alone', () => {
    const two = GREET.replace('name: string', 'name: string, loud: boolean');
    const calls = "import { greet } from './greet';\ngreet('Ada', true);\n";
    const { engine, change } = changed({ 'greet.ts': two, 'main.ts': calls }, 'greet.ts', ', loud: boolean', '');
    expect(engine.followUps(change).map((e) => e.after)).toEqual(["('Ada')"]);
    const optional = changed({ 'greet.ts': GREET, 'main.ts': MAIN }, 'greet.ts', 'name: string', 'name: string, loud?: boolean');
    expect(optional.engine.followUps({ ...optional.change, from: optional.change.from + 'name: string'.length, before: '' })).toEqual([]);
  });
});
