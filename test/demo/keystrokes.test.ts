import { describe, expect, it } from 'vitest';
import { planKeystrokes, typingDurationMs } from '../../demo/lib/keystrokes';

describe('typing like a person (demo scenes)', () => {
  const code = "if (ok) {\n  log('yes');\n}\n";

  it('sends every character exactly once, in order', () => {
    expect(planKeystrokes(code, { charsPerSecond: 12 }).map((s) => s.text).join('')).toBe(code);
  });

  it('pastes what Monaco would rewrite (brackets, quotes, newlines with their indentation) and types the rest', () => {
    const strokes = planKeystrokes(code, { charsPerSecond: 12 });
    const pasted = strokes.filter((s) => s.kind === 'paste').map((s) => s.text);
    expect(pasted).toEqual(['(', ')', '{', '\n  ', '(', "'", "'", ')', '\n', '}', '\n']);
    expect(strokes.filter((s) => s.kind === 'key').every((s) => s.text.length === 1)).toBe(true);
  });

  it('keeps the average speed and plays the same every time for a seed', () => {
    const text = 'const total = price * quantity + shipping;';
    const plan = planKeystrokes(text, { charsPerSecond: 10, seed: 7 });
    expect(planKeystrokes(text, { charsPerSecond: 10, seed: 7 })).toEqual(plan);
    expect(planKeystrokes(text, { charsPerSecond: 10, seed: 8 })).not.toEqual(plan);
    const perChar = typingDurationMs(plan) / text.length;
    expect(perChar).toBeGreaterThan(80);
    expect(perChar).toBeLessThan(130);
  });

  it('pauses longer at the start of a new line than mid-line', () => {
    const strokes = planKeystrokes('aaaa\nbbbb', { charsPerSecond: 10, jitter: 0 });
    expect(strokes[5]!.delayMs).toBe(300);
    expect(strokes[6]!.delayMs).toBe(100);
  });
});
