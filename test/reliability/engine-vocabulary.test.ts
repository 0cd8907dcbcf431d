import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../server/ai/embedded/embedded-engine';

/** `count` identifiers nobody has used before, as a prompt or a file would carry them. */
function unseenIdentifiers(tag: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `${tag}_${i.toString(36)}`).join(' + ');
}

describe("the embedded engine's token table, fed by text every client chooses", () => {
  it('does not grow with the identifiers of prompts, in a room or outside one', () => {
    const engine = new EmbeddedEngine({ corpusBytes: 0 });
    engine.room('r1').set('a.ts', 'const total = price * count;\n');
    for (let i = 0; i < 200; i++) {
      const prefix = `const v = ${unseenIdentifiers(`p${i}`, 50)}`;
      engine.complete({ room: 'r1', path: 'b.ts', prefix, suffix: unseenIdentifiers(`s${i}`, 20), multiline: false, maxTokens: 8 });
      engine.complete({ path: 'c.ts', prefix, suffix: '', multiline: false, maxTokens: 8 });
    }
    expect(engine.vocab.size).toBe(0);
    expect(engine.room('r1').ownTokens).toBeLessThan(100);
  });

  it("follows a room's live text, not everything ever typed in it", () => {
    const engine = new EmbeddedEngine({ corpusBytes: 0 });
    const room = engine.room('r1');
    for (let i = 0; i < 300; i++) {
      // Each version of the file replaces the last: 1,000 new identifiers a time, about 10 kB live.
      room.set('a.ts', unseenIdentifiers(`v${i}`, 1_000));
      engine.complete({ room: 'r1', path: 'b.ts', prefix: 'const x = ', suffix: '', multiline: false, maxTokens: 8 });
    }
    const liveChars = room.text('a.ts')!.length;
    expect(room.ownTokens).toBeLessThan(2 * liveChars + 20_000 + 1_000);
  });

  it('goes with the room when the room closes', () => {
    const engine = new EmbeddedEngine({ corpusBytes: 0 });
    engine.room('r1').set('a.ts', unseenIdentifiers('gone', 5_000));
    engine.complete({ room: 'r1', path: 'b.ts', prefix: 'const x = ', suffix: '', multiline: false, maxTokens: 8 });
    engine.closeRoom('r1');
    expect(engine.vocab.size).toBe(0);
    expect(engine.room('r1').ownTokens).toBe(0);
  });

  it('still completes from the room and the corpus once the corpus has loaded under a room', async () => {
    const engine = new EmbeddedEngine({ corpusBytes: 200_000 });
    engine.room('r1').set('src/db.ts', 'const rows = await database.query(sql, params, { timeoutMs: 500 });\n');
    const early = { room: 'r1', path: 'src/app.ts', prefix: 'const users = await database.qu', suffix: '', multiline: false, maxTokens: 32 };
    // The likely-right part of the room's line, before the corpus and after it.
    const line = 'ery(sql, params, { timeoutMs: 500 });';
    for (const loaded of [false, true]) {
      if (loaded) await engine.load();
      const text = engine.complete(early);
      expect(text).toMatch(/^ery\(sql/);
      expect(line.startsWith(text)).toBe(true);
    }
  });
});
