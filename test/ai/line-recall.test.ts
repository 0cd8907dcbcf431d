import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../server/ai/embedded/embedded-engine';
import { LineBook, lineAtCursor, recallLine } from '../../server/ai/embedded/line-recall';

describe('line recall', () => {
  it('finishes a line the way another line that starts the same way goes on, whatever its indentation', () => {
    const book = LineBook.of('switch (code) {\n  case MessageCodes.NoData:\n    return noData;\n}\n');
    expect(recallLine([{ book, weight: 1 }], 'if (x) {\n      case MessageCodes.')?.text).toBe('NoData:');
  });

  it('at the start of a line, proposes what followed the same previous line', () => {
    const book = LineBook.of('function a() {\n  const websocket = this[kWebSocket];\n  websocket.pause();\n}\n');
    const line = recallLine([{ book, weight: 1 }], 'function b() {\n  const websocket = this[kWebSocket];\n\n  ');
    expect(line?.text).toBe('websocket.pause();');
  });

  it('counts more for a line that followed the same two lines', () => {
    const book = LineBook.of('open();\nread();\nclose();\nstart();\nread();\nparse();\nx();\nread();\nparse();\n');
    // After `read();` alone, `parse();` is more common; after `open();` then `read();`, `close();` is.
    expect(recallLine([{ book, weight: 1 }], 'y();\nread();\n')?.text).toBe('parse();');
    expect(recallLine([{ book, weight: 1 }], 'open();\nread();\n')?.text).toBe('close();');
  });

  it('proposes nothing when no line begins with what is typed', () => {
    const book = LineBook.of('const a = 1;\nconst b = 2;\n');
    expect(recallLine([{ book, weight: 1 }], 'let c')).toBeNull();
  });

  it('weighs books by their weight and prefers the line seen more', () => {
    const here = LineBook.of('this.offset += 4;\n');
    const elsewhere = LineBook.of('this.offset += 2;\nthis.offset += 2;\n');
    expect(recallLine([{ book: here, weight: 3 }, { book: elsewhere, weight: 1 }], 'this.offset')?.text).toBe(' += 4;');
    expect(recallLine([{ book: here, weight: 1 }, { book: elsewhere, weight: 1 }], 'this.offset')?.text).toBe(' += 2;');
  });

  it('answers what goes before the text typed ahead of the cursor, from lines that hold it', () => {
    const book = LineBook.of('emit(code, reason);\nemit(event);\n');
    expect(recallLine([{ book, weight: 1 }], 'emit(', ')')?.text).toBe('event');
    expect(recallLine([{ book, weight: 1 }], 'emit(', ', reason)')?.text).toBe('code');
    expect(recallLine([{ book, weight: 1 }], 'emit(', ']')).toBeNull();
  });

  it('reads the typed part of the line and the last non-blank line before it', () => {
    expect(lineAtCursor('a();\n  b();\n\n    c.d')).toEqual({ typed: 'c.d', previous: 'b();', twoBefore: 'a();' });
    expect(lineAtCursor('  first')).toEqual({ typed: 'first', previous: '', twoBefore: '' });
  });

  it("in the engine, never takes the cursor's own line, nor the line after it as following the line before it", () => {
    const engine = new EmbeddedEngine({ corpusBytes: 0 });
    const prefix = 'function f() {\n  setup();\n  ';
    // The next line is `teardown();`: it must not be proposed as what follows `setup();`.
    expect(engine.recall({ path: 'a.ts', prefix, suffix: '\n  teardown();\n}\n', multiline: false, maxTokens: 16 })).toBeNull();
    engine.room('r').set('b.ts', 'function g() {\n  setup();\n  run();\n}\n');
    expect(engine.recall({ room: 'r', path: 'a.ts', prefix, suffix: '\n  teardown();\n}\n', multiline: false, maxTokens: 16 })).toBe('run();');
  });
});
