import { describe, expect, it } from 'vitest';
import { BlockParser, type BlockEvent, type EditBlock } from '../../server/ai/spark/blocks/block-parser';
import { locateBlock, planBlocks } from '../../server/ai/spark/blocks/block-planner';

const LIMITS = { maxBlocks: 32, maxBlockChars: 10_000 };

/** An answer as a model writes it: chatter, fences, two files, a file created. */
const ANSWER = [
  "Sure! Here's the change.",
  '',
  'src/math.ts',
  '```ts',
  '<<<<<<< SEARCH',
  'export function add(a, b) {',
  '=======',
  'export function add(a: number, b: number): number {',
  '>>>>>>> REPLACE',
  '```',
  '',
  '**src/main.ts**',
  '```typescript',
  '<<<<<<< SEARCH',
  "console.log(add(1, 2));",
  '=======',
  "console.log(add(1, 2), '>');",
  '>>>>>>> REPLACE',
  '```',
  '',
  '`src/new.ts`:',
  '```ts',
  '<<<<<<< SEARCH',
  '=======',
  'export const answer = 42;',
  '>>>>>>> REPLACE',
  '```',
  'That is all.',
].join('\n');

const EXPECTED: EditBlock[] = [
  { file: 'src/math.ts', block: 1, search: 'export function add(a, b) {\n', replace: 'export function add(a: number, b: number): number {\n' },
  { file: 'src/main.ts', block: 1, search: 'console.log(add(1, 2));\n', replace: "console.log(add(1, 2), '>');\n" },
  { file: 'src/new.ts', block: 1, search: '', replace: 'export const answer = 42;\n' },
];

function parse(chunks: string[], limits = LIMITS): BlockEvent[] {
  const parser = new BlockParser(limits);
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

const closed = (events: BlockEvent[]) => events.flatMap((e) => (e.type === 'close' ? [e.edit] : []));
const invalid = (events: BlockEvent[]) => events.flatMap((e) => (e.type === 'invalid' ? [{ file: e.file, block: e.block, reason: e.reason }] : []));

describe('the search/replace block parser', () => {
  it('reads blocks for several files among chatter and code fences, an empty SEARCH creating a file', () => {
    const events = parse([ANSWER]);
    expect(closed(events)).toEqual(EXPECTED);
    expect(invalid(events)).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['open', 'search', 'replace', 'close', 'open', 'search', 'replace', 'close', 'open', 'search', 'replace', 'close']);
  });

  it('gives the same blocks however the answer is split into two chunks, at every position', () => {
    for (let at = 0; at <= ANSWER.length; at++) {
      expect(closed(parse([ANSWER.slice(0, at), ANSWER.slice(at)])), `split at ${at}`).toEqual(EXPECTED);
    }
  });

  it('gives the same blocks one character at a time, the REPLACE text only ever growing and never showing a marker', () => {
    const events = parse([...ANSWER]);
    expect(closed(events)).toEqual(EXPECTED);
    const replaces = events.flatMap((e) => (e.type === 'replace' ? [e] : []));
    for (const [i, e] of replaces.entries()) {
      expect(e.replace).not.toMatch(/>>>|===|<<</);
      const before = replaces[i - 1];
      if (before && before.file === e.file && before.block === e.block) expect(e.replace.startsWith(before.replace)).toBe(true);
    }
    // It grew in steps as it streamed, not in one piece at the end.
    expect(replaces.filter((e) => e.file === 'src/math.ts').length).toBeGreaterThan(10);
    // A REPLACE line starting with '>' is held until its line ends, then shown.
    expect(replaces.filter((e) => e.file === 'src/main.ts').at(-1)!.replace).toBe("console.log(add(1, 2), '>');\n");
  });

  it('numbers the blocks of one file, and a block with no path of its own edits the previous file', () => {
    const answer = 'a.ts\n<<<<<<< SEARCH\none\n=======\n1\n>>>>>>> REPLACE\n\n<<<<<<< SEARCH\ntwo\n=======\n2\n>>>>>>> REPLACE\n';
    expect(closed(parse([answer])).map((b) => [b.file, b.block, b.replace])).toEqual([
      ['a.ts', 1, '1\n'],
      ['a.ts', 2, '2\n'],
    ]);
  });

  it('takes a path from a fence info string that looks like one, not from a language tag', () => {
    const answer = '```src/x.ts\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n```\n';
    expect(closed(parse([answer]))[0]!.file).toBe('src/x.ts');
    expect(invalid(parse(['```ts\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n']))).toEqual([{ file: '', block: 1, reason: 'NO_PATH' }]);
  });

  it('reports a block the answer ends inside, and applies nothing of it', () => {
    const events = parse(['a.ts\n<<<<<<< SEARCH\nx\n=======\ny\n']);
    expect(closed(events)).toEqual([]);
    expect(invalid(events)).toEqual([{ file: 'a.ts', block: 1, reason: 'UNTERMINATED' }]);
  });

  it('reports blocks past the block cap by name and keeps reading the ones before it', () => {
    const one = (n: number) => `f${n}.ts\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n`;
    const events = parse([one(1) + one(2) + one(3)], { maxBlocks: 2, maxBlockChars: 100 });
    expect(closed(events).map((b) => b.file)).toEqual(['f1.ts', 'f2.ts']);
    expect(invalid(events)).toEqual([{ file: 'f3.ts', block: 1, reason: 'TOO_MANY_BLOCKS' }]);
  });

  it('reports a block longer than the character cap without keeping its text, and reads the next block', () => {
    const long = 'y'.repeat(500);
    const parser = new BlockParser({ maxBlocks: 10, maxBlockChars: 100 });
    const events = [
      ...parser.push(`a.ts\n<<<<<<< SEARCH\nx\n=======\n`),
      // A line that never ends is not kept whole either.
      ...Array.from({ length: 50 }, () => parser.push(long)).flat(),
      ...parser.push('\n>>>>>>> REPLACE\nb.ts\n<<<<<<< SEARCH\nx\n=======\nz\n>>>>>>> REPLACE\n'),
      ...parser.end(),
    ];
    expect(invalid(events)).toEqual([{ file: 'a.ts', block: 1, reason: 'TOO_LARGE' }]);
    expect(closed(events).map((b) => b.file)).toEqual(['b.ts']);
    expect(events.every((e) => e.type !== 'replace' || e.replace.length <= 100)).toBe(true);
  });

  it('keeps only a bounded piece of a line of chatter that never ends', () => {
    const parser = new BlockParser(LIMITS);
    for (let i = 0; i < 1000; i++) parser.push('chatter '.repeat(100));
    const events = [...parser.push('\na.ts\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n'), ...parser.end()];
    expect(closed(events).map((b) => b.file)).toEqual(['a.ts']);
    expect((parser as unknown as { partial: string }).partial.length).toBe(0);
  });
});

describe('the block planner', () => {
  const files = new Map([
    ['src/math.ts', 'export function add(a, b) {\n  return a + b;\n}\n'],
    ['src/main.ts', "import { add } from './math';\nconsole.log(add(1, 2));\nconsole.log(add(1, 2));\n"],
    ['empty.ts', ''],
  ]);
  const text = (path: string) => files.get(path);

  it('turns each block into a change at the one place its SEARCH text occurs, and creates files', () => {
    const plan = planBlocks(
      [
        { file: 'src/math.ts', block: 1, search: '  return a + b;\n', replace: '  return a + b + 0;\n' },
        { file: 'src/new.ts', block: 1, search: '', replace: 'export {};\n' },
        { file: 'empty.ts', block: 1, search: '', replace: 'filled\n' },
      ],
      text,
    );
    const at = files.get('src/math.ts')!.indexOf('  return');
    expect(plan.stale).toEqual([]);
    expect(plan.changes).toEqual([
      { kind: 'replace', file: 'src/math.ts', from: at, to: at + 16, text: '  return a + b + 0;\n', label: 'src/math.ts block 1' },
      { kind: 'create', file: 'src/new.ts', text: 'export {};\n', label: 'src/new.ts block 1' },
      { kind: 'replace', file: 'empty.ts', from: 0, to: 0, text: 'filled\n', label: 'empty.ts block 1' },
    ]);
  });

  it('reports missing, repeated and overlapping SEARCH text, missing and existing files, by file and block', () => {
    const plan = planBlocks(
      [
        { file: 'src/math.ts', block: 1, search: 'function sub', replace: 'x' },
        { file: 'src/main.ts', block: 1, search: 'console.log(add(1, 2));\n', replace: 'x' },
        { file: 'src/math.ts', block: 2, search: 'export function add', replace: 'x' },
        { file: 'src/math.ts', block: 3, search: 'add(a, b)', replace: 'y' },
        { file: 'nope.ts', block: 1, search: 'a', replace: 'b' },
        { file: 'src/main.ts', block: 2, search: '', replace: 'b' },
      ],
      text,
    );
    expect(plan.changes.map((c) => c.label)).toEqual(['src/math.ts block 2']);
    expect(plan.stale.map((s) => [s.file, s.block, s.reason])).toEqual([
      ['src/math.ts', 1, 'NOT_FOUND'],
      ['src/main.ts', 1, 'AMBIGUOUS'],
      ['src/math.ts', 3, 'OVERLAPS'],
      ['nope.ts', 1, 'NO_SUCH_FILE'],
      ['src/main.ts', 2, 'FILE_EXISTS'],
    ]);
    expect(plan.stale[1]!.message).toContain('occurs 2 times');
  });

  it("refuses a path the file tree would refuse, with the file tree's reason", () => {
    for (const file of ['../etc/passwd', '/abs.ts', 'a//b.ts', 'bad|name.ts']) {
      const target = locateBlock({ file, block: 1, search: '' }, undefined);
      expect(target, file).toMatchObject({ kind: 'stale', stale: { file, reason: 'BAD_FILE_NAME' } });
    }
  });

  it("matches a SEARCH ending in a newline against a file's last line that has none", () => {
    expect(locateBlock({ file: 'a.ts', block: 1, search: 'last\n' }, 'first\nlast')).toEqual({ kind: 'replace', file: 'a.ts', from: 6, to: 10 });
  });

  it('a later block of a file the answer creates is stale, not guessed', () => {
    const plan = planBlocks(
      [
        { file: 'n.ts', block: 1, search: '', replace: 'a\n' },
        { file: 'n.ts', block: 2, search: 'a\n', replace: 'b\n' },
      ],
      text,
    );
    expect(plan.changes).toHaveLength(1);
    expect(plan.stale.map((s) => [s.file, s.block, s.reason])).toEqual([['n.ts', 2, 'OVERLAPS']]);
  });
});
