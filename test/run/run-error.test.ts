import { describe, expect, it } from 'vitest';
import { failureOf, MAX_STACK_FRAMES, parseRunError, runErrorSchema } from '../../lib/shared/document/run-error';
import type { OutputLine, RunRecord } from '../../lib/shared/document/run-log';
import { runWorkerInV8 } from '../helpers/sandbox-worker-in-v8';

const FILES = ['main.ts', 'calc.ts', 'lib/util.ts'];
const error = (text: string): OutputLine[] => [{ level: 'log', text: 'starting' }, { level: 'error', text }];

describe('the error of a failed run, from its output', () => {
  it('reads the runtime’s header, its place and its stack in the V8 form', () => {
    const parsed = parseRunError(
      error("Uncaught TypeError: Cannot read properties of undefined (reading 'n') (calc.ts:3)\n    at total (calc.ts:3:14)\n    at main.ts:5:1"),
      FILES,
    );
    expect(parsed).toEqual({
      name: 'TypeError',
      message: "Cannot read properties of undefined (reading 'n')",
      file: 'calc.ts',
      line: 3,
      stack: [
        { fn: 'total', file: 'calc.ts', line: 3, column: 14 },
        { fn: null, file: 'main.ts', line: 5, column: 1 },
      ],
    });
  });

  it('reads frames in the Firefox and Safari form', () => {
    const parsed = parseRunError(error('Uncaught RangeError: too deep\ntotal@lib/util.ts:8:3\n@main.ts:2:1'), FILES);
    expect(parsed?.stack).toEqual([
      { fn: 'total', file: 'lib/util.ts', line: 8, column: 3 },
      { fn: null, file: 'main.ts', line: 2, column: 1 },
    ]);
    // No place in the header: the top frame says where.
    expect(parsed).toMatchObject({ name: 'RangeError', message: 'too deep', file: 'lib/util.ts', line: 8 });
  });

  it('reads the frame’s header for a script that did not parse, with no stack', () => {
    const parsed = parseRunError(error('Uncaught SyntaxError: await is only valid in async functions and the top level bodies of modules (main.ts:2)'), FILES);
    expect(parsed).toEqual({
      name: 'SyntaxError',
      message: 'await is only valid in async functions and the top level bodies of modules',
      file: 'main.ts',
      line: 2,
      stack: [],
    });
  });

  it('leaves out every place that is not a file of the room', () => {
    const parsed = parseRunError(
      error('Uncaught Error: boom (secret.ts:9)\n    at load (blob:null/5f1c2e9a:120:7)\n    at evil (../../etc/passwd:1:1)\n    at explode (calc.ts:4:9)'),
      FILES,
    );
    // The header's place names no room file: it stays part of the message, and the room's frame says where.
    expect(parsed).toMatchObject({ message: 'boom (secret.ts:9)', file: 'calc.ts', line: 4 });
    expect(parsed?.stack).toEqual([{ fn: 'explode', file: 'calc.ts', line: 4, column: 9 }]);
  });

  it('keeps a message of several lines whole, and only the top of a long stack', () => {
    const frames = Array.from({ length: 60 }, (_, i) => `    at f${i} (calc.ts:${i + 1}:1)`);
    const parsed = parseRunError(error(['Uncaught Error: first line', 'second line', ...frames].join('\n')), FILES)!;
    expect(parsed.message).toBe('first line\nsecond line');
    expect(parsed.stack).toHaveLength(MAX_STACK_FRAMES);
    expect(runErrorSchema.safeParse(parsed).success).toBe(true);
  });

  it('finds no error in a run that printed errors but threw none, nor in a run that passed', () => {
    expect(parseRunError([{ level: 'error', text: 'console.error from the code' }], FILES)).toBeNull();
    const run = { id: 'r', by: 'Ada', color: '#22c55e', file: 'main.ts', startedAt: 1, durationMs: 1, status: 'ok', output: error('Uncaught Error: x'), truncated: false } satisfies RunRecord;
    expect(failureOf(run, FILES)).toBeNull();
    expect(failureOf({ ...run, status: 'error' }, FILES)).toMatchObject({ name: 'Error', message: 'x', file: null, line: null });
  });
});

describe('errors as the run sandbox reports them, mapped back to the room’s files', () => {
  it('maps a throw in a required file to that file’s line, with the caller below it', async () => {
    const files = {
      'main.ts': "import { total } from './calc';\nconst items: number[] = [];\nconsole.log('sum', total(items));\n",
      'calc.ts': "export function total(items: number[]): number {\n  if (items.length === 0) {\n    throw new RangeError('no items');\n  }\n  return items.reduce((a, b) => a + b, 0);\n}\n",
    };
    const { status, output } = await runWorkerInV8('main.ts', files);
    expect(status).toBe('error');
    const parsed = parseRunError(output, Object.keys(files))!;
    expect(parsed).toMatchObject({ name: 'RangeError', message: 'no items', file: 'calc.ts', line: 3 });
    expect(parsed.stack.map((f) => `${f.file}:${f.line}`)).toEqual(['calc.ts:3', 'main.ts:3']);
    expect(parsed.stack[0]!.fn).toBe('total');
  });

  it('maps a TypeError thrown in a timer', async () => {
    const files = { 'main.ts': "const pair = undefined as unknown as { n: number };\nsetTimeout(() => {\n  console.log(pair.n);\n}, 1);\n" };
    const parsed = parseRunError((await runWorkerInV8('main.ts', files)).output, ['main.ts'])!;
    expect(parsed).toMatchObject({ name: 'TypeError', file: 'main.ts', line: 3 });
    expect(parsed.message).toMatch(/undefined/);
  });

  it('puts a file that does not compile at the line the compiler stopped', async () => {
    const files = { 'main.ts': 'const a = 1;\nfunction f( {\n  return 2;\n}\n' };
    const { status, output } = await runWorkerInV8('main.ts', files);
    expect(status).toBe('error');
    expect(parseRunError(output, ['main.ts'])).toMatchObject({ name: 'SyntaxError', file: 'main.ts', line: 3 });
    expect(output.find((l) => l.level === 'error')?.text.split('\n')[0]).toBe('Uncaught SyntaxError: Unexpected token, expected "," (main.ts:3)');
  });

  it('gives a thrown non-error no place, rather than the runtime’s own line', async () => {
    const parsed = parseRunError((await runWorkerInV8('main.ts', { 'main.ts': "throw 'plain text';\n" })).output, ['main.ts'])!;
    expect(parsed).toEqual({ name: 'Error', message: 'plain text', file: null, line: null, stack: [] });
  });
});
