import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boundedDiff, DELETE, EQUAL, INSERT } from '../../server/ai/spark/bounded-diff';
import { SpanWriter } from '../../server/ai/spark/span-writer';

/** Minified-looking code: one line of `chars` characters built from a statement template. */
function minifiedLine(chars: number, statement: (i: number) => string): string {
  let line = '';
  for (let i = 0; line.length < chars; i++) line += statement(i);
  return line.slice(0, chars);
}

function apply(a: string, pieces: ReturnType<typeof boundedDiff>): string {
  let out = '';
  let at = 0;
  for (const [op, text] of pieces) {
    if (op === EQUAL) {
      expect(a.slice(at, at + text.length)).toBe(text);
      out += text;
      at += text.length;
    } else if (op === DELETE) {
      expect(a.slice(at, at + text.length)).toBe(text);
      at += text.length;
    } else if (op === INSERT) out += text;
  }
  expect(at).toBe(a.length);
  return out;
}

// Generous: today's character diff took tens of seconds on these inputs; a bounded one takes milliseconds.
const ANSWERS_WITHIN_MS = 1_000;

describe('a Spark edit over a very long line', () => {
  const oldLine = minifiedLine(120_000, (i) => `var a${(i * 7) % 97}=function(b${i % 13}){return b${i % 13}*${i}};`);
  const newLine = minifiedLine(120_000, (i) => `const q${(i * 3) % 89}=(z)=>z.map(k=>k+${i * 11});`);

  it('streams an unrelated rewrite of a 120k-character line without holding the event loop', () => {
    const doc = new Y.Doc();
    const text = doc.getText('main.ts');
    text.insert(0, `${oldLine}\nrun();\n`);
    const writer = new SpanWriter(text, 0, oldLine.length + 1, {}, () => {}, 10);
    const rewrite = `${newLine}\n// rewritten\n`;
    let slowest = 0;
    for (let end = 6_000; end < rewrite.length + 6_000; end += 6_000) {
      const started = performance.now();
      writer.update(rewrite.slice(0, end), false);
      slowest = Math.max(slowest, performance.now() - started);
    }
    const started = performance.now();
    writer.update(rewrite, true);
    slowest = Math.max(slowest, performance.now() - started);
    expect(text.toString()).toBe(`${rewrite}run();\n`);
    expect(slowest).toBeLessThan(ANSWERS_WITHIN_MS);
  });

  it('gives a correct edit for any pair of texts, minimal where the budget allows', () => {
    const cases: Array<[string, string]> = [
      ['hello world', 'hello brave world'],
      ['', 'new'],
      ['old', ''],
      ['a\nb\nc\n', 'a\nB\nc\n'],
      [oldLine, newLine],
      [`${oldLine}\nkeep\n`, `x${oldLine.slice(1)}\nkeep\nmore\n`],
      ['emoji 😀 here', 'emoji 😃 here'],
    ];
    for (const [a, b] of cases) {
      const started = performance.now();
      const pieces = boundedDiff(a, b, 10);
      expect(performance.now() - started).toBeLessThan(ANSWERS_WITHIN_MS);
      expect(apply(a, pieces)).toBe(b);
    }
    expect(boundedDiff('hello world', 'hello brave world', 10)).toEqual([
      [EQUAL, 'hello '],
      [INSERT, 'brave '],
      [EQUAL, 'world'],
    ]);
  });
});
