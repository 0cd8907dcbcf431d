import { describe, expect, it } from 'vitest';
import { CompletionFilter } from '../../server/ai/routing/postprocess';

/** Feeds `output` one character at a time, as the worst-case stream would, and returns what was shown. */
function filtered(prefix: string, suffix: string, multiline: boolean, output: string): { text: string; stopped: boolean } {
  const filter = new CompletionFilter(prefix, suffix, multiline);
  let text = '';
  let stopped = false;
  for (const ch of output) {
    const r = filter.push(ch);
    text += r.text;
    if (r.stop) {
      stopped = true;
      break;
    }
  }
  if (!stopped) text += filter.end();
  return { text, stopped };
}

describe('completion post-processing', () => {
  it('keeps a mid-line suggestion on one line', () => {
    expect(filtered('call(', ')\n', false, 'a, b\nmore();').text).toBe('a, b');
  });

  it('drops a tail that repeats the rest of the line', () => {
    expect(filtered('const x = ', ';\n', false, 'compute();').text).toBe('compute()');
  });

  it("only closes brackets it opened, or the line's own unclosed ones", () => {
    expect(filtered('foo(', ')\n', false, 'a, b)').text).toBe('a, b');
    expect(filtered('foo(', '\n', true, 'a, b);').text).toBe('a, b);');
    expect(filtered('', '', true, 'x = [1, 2]];').text).toBe('x = [1, 2]');
  });

  it('stops at the end of the block it is in', () => {
    const prefix = 'function f() {\n  ';
    const suffix = '\n}\n';
    const out = filtered(prefix, suffix, true, 'const a = 1;\n  return a;\n}\n\nfunction g() {\n');
    expect(out.text).toBe('const a = 1;\n  return a;');
    expect(out.stopped).toBe(true);
  });

  it('ends a block the suggestion opened once it closes', () => {
    const out = filtered('', '', true, 'if (a) {\n  b();\n}\nmore();\n');
    expect(out.text).toBe('if (a) {\n  b();\n}');
  });

  it('drops a line that repeats the line below the cursor', () => {
    expect(filtered('const a = 1;\n', '\nconst b = 2;\n', true, 'const c = 3;\nconst b = 2;\n').text).toBe('const c = 3;');
  });

  it('stops at a repeated line', () => {
    expect(filtered('', '', true, 'log(1);\nlog(1);\nlog(1);\n').text).toBe('log(1);');
  });

  it('streams the first line character by character', () => {
    const filter = new CompletionFilter('const x = ', '\n', true);
    expect(filter.push('abc').text).toBe('abc');
    expect(filter.push('d').text).toBe('d');
  });
});
