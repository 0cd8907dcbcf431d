import { describe, expect, it } from 'vitest';
import { rewriteProgress } from '../../server/ai/spark/span-writer';

const GREET = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';

/** What people see after each character of a streamed rewrite: new text so far, then the old text ahead. */
function frames(oldText: string, newText: string): Array<{ shown: string; consumed: number }> {
  const out: Array<{ shown: string; consumed: number }> = [];
  for (let i = 1; i <= newText.length; i++) {
    const soFar = newText.slice(0, i);
    const { consumed, gap } = rewriteProgress(oldText, soFar);
    out.push({ shown: soFar + gap + oldText.slice(consumed), consumed });
  }
  return out;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('how far a streamed rewrite has got through the old text', () => {
  it('keeps the code on screen, once, while a comment is written above it', () => {
    for (const { shown } of frames(GREET, `// Greets someone.\n${GREET}`)) {
      expect(count(shown, 'export function greet(name: string): string {')).toBe(1);
      expect(count(shown, '  return `Hello, ${name}!`;')).toBe(1);
    }
  });

  it('never moves backwards through the old text', () => {
    const consumed = frames(GREET, `/** Doc. */\n${GREET.replace('name: string)', 'name: string, greeting = "Hello")')}`).map((f) => f.consumed);
    expect(consumed).toEqual([...consumed].sort((a, b) => a - b));
  });

  it('puts a new line being written on a line of its own, not glued to the old code', () => {
    const { consumed, gap } = rewriteProgress(GREET, '// one two thr');
    expect(gap).toBe('\n');
    expect(consumed).toBe(0);
  });

  it('treats a retyped line as consumed character by character', () => {
    expect(rewriteProgress(GREET, 'export fun')).toEqual({ consumed: 'export fun'.length, gap: '' });
  });

  it('shows an edit inside a line as an insertion, the rest of the old line after it', () => {
    const soFar = 'export function greet(name: string, greet';
    const { consumed, gap } = rewriteProgress(GREET, soFar);
    expect(soFar + gap + GREET.slice(consumed)).toMatch(/^export function greet\(name: string, greet\): string \{\n/);
  });

  it('takes a changed line as the new version of the old one once it is complete', () => {
    const changed = 'export function greet(name: string, greeting = "Hi"): string {\n';
    expect(rewriteProgress(GREET, changed).consumed).toBe(GREET.indexOf('\n') + 1);
  });

  it('keeps the line after a whole-line span on its own line while the last line is written', () => {
    expect(rewriteProgress('a = 1;\n', 'a = 1;\nb = 2')).toEqual({ consumed: 7, gap: '\n' });
  });
});
