import { describe, expect, it, vi } from 'vitest';
import { confidentPart, FITTED_MODEL, runningConfidence } from '../../server/ai/embedded/confidence';
import { EmbeddedEngine } from '../../server/ai/embedded/embedded-engine';
import { SemanticCompleter } from '../../server/ai/semantic/semantic-completer';
import { RoomLanguageService } from '../../server/ai/semantic/room-language-service';
import { SemanticEngine } from '../../server/ai/semantic/semantic-engine';

const TYPES = 'export interface Invoice {\n  customerName: string;\n  totalCents: number;\n  issuedAt: Date;\n}\n';
const MAIN = "import type { Invoice } from './types';\n\nexport function describeInvoice(invoice: Invoice): string {\n  return ";

/** Both engines in this process, over one room's files, as the two workers hold them on the server. */
function room(files: Record<string, string>) {
  const ngrams = new EmbeddedEngine({ corpusBytes: 0 });
  const semantic = new SemanticEngine();
  for (const [path, text] of Object.entries(files)) {
    ngrams.room('r').set(path, text);
    semantic.room('r').set(path, text);
  }
  const completer = new SemanticCompleter(ngrams, { view: async (input) => ({ view: semantic.view(input) }) }, 60_000);
  const complete = (path: string, prefix: string, suffix = '\n}\n') =>
    completer.complete({ room: 'r', path, prefix, suffix, multiline: false, maxTokens: 32 });
  return { complete, ngrams, semantic };
}

describe('the language-service engine', () => {
  it('completes a member after `.` from a type declared in another room file', async () => {
    const { complete } = room({ 'src/types.ts': TYPES, 'src/main.ts': `${MAIN}\n}\n` });
    expect(await complete('src/main.ts', `${MAIN}invoice.cus`)).toBe('tomerName');
    expect(await complete('src/main.ts', `${MAIN}invoice.tot`)).toBe('alCents');
  });

  it('follows the other file as it changes', async () => {
    const { complete, ngrams, semantic } = room({ 'src/types.ts': TYPES, 'src/main.ts': `${MAIN}\n}\n` });
    const renamed = TYPES.replace('customerName', 'customerDisplayName');
    ngrams.room('r').set('src/types.ts', renamed);
    semantic.room('r').set('src/types.ts', renamed);
    expect(await complete('src/main.ts', `${MAIN}invoice.cus`)).toBe('tomerDisplayName');
  });

  it('completes members in JavaScript and TSX files too', async () => {
    const jsx = 'const greeting = { headline: "hi", body: "there" };\nexport const Card = () => <h1>{greeting.hea';
    const { complete } = room({ 'src/card.tsx': `${jsx}}</h1>;\n` });
    expect(await complete('src/card.tsx', jsx, '}</h1>;\n')).toBe('dline');
    const js = 'const settings = { retries: 3, timeoutMs: 500 };\nconsole.log(settings.ret';
    const { complete: completeJs } = room({ 'src/app.js': `${js});\n` });
    expect(await completeJs('src/app.js', js, ');\n')).toBe('ries');
  });

  it('stays blank where the type leaves several members equally likely', async () => {
    const { complete } = room({ 'src/types.ts': TYPES, 'src/main.ts': `${MAIN}\n}\n` });
    expect(await complete('src/main.ts', `${MAIN}invoice.`)).toBe('');
  });

  it('yields no suggestion at a low-confidence position', async () => {
    // Two of the three calls elsewhere pass `user` first: the decoder proposes it, but the calibrated
    // confidence of a guess that thin is below the threshold, so nothing is shown.
    const calls = 'send(user, 1);\nsend(admin, 2);\nsend(user, 3);\n';
    const { complete, ngrams } = room({ 'src/calls.ts': calls, 'src/main.ts': 'const a = 1;\n' });
    const prefix = 'const a = 1;\nsend(';
    const proposed = ngrams.steps({ room: 'r', path: 'src/main.ts', prefix, suffix: '\n', multiline: false, maxTokens: 32 });
    expect(proposed.map((s) => s.text).join('')).toBe('user');
    expect(Math.min(...runningConfidence(proposed, 'mid'))).toBeLessThan(FITTED_MODEL.threshold.mid);
    expect(confidentPart(proposed, 'mid')).toBe('');
    expect(await complete('src/main.ts', prefix, '\n')).toBe('');
  });

  it('drops an n-gram guess the type rules out', async () => {
    // Elsewhere in the room `invoice.` is followed by a name this type does not have.
    const other = 'const legacy = { totalDollars: 1 };\nlet invoice = legacy;\nconsole.log(invoice.totalDollars);\n';
    const { complete } = room({ 'src/types.ts': TYPES, 'src/legacy.ts': other, 'src/main.ts': `${MAIN}\n}\n` });
    expect(await complete('src/main.ts', `${MAIN}invoice.tot`)).toBe('alCents');
  });

  it('keeps the n-gram continuation when it names an allowed member', async () => {
    const other = "import type { Invoice } from './types';\nexport function cents(invoice: Invoice) {\n  const dollars = invoice.totalCents / 100;\n}\n";
    const { complete } = room({ 'src/types.ts': TYPES, 'src/money.ts': other, 'src/main.ts': `${MAIN}\n}\n` });
    expect(await complete('src/main.ts', `${MAIN}null;\n  const dollars = invoice.tota`)).toBe('lCents / 100;');
  });

  it('continues a name only the service proposed with the n-grams from after it', async () => {
    const semantic = new SemanticEngine();
    semantic.room('r').set('src/types.ts', TYPES);
    // N-grams that know nothing before the name and how a line goes on after it.
    const ngrams = { complete: (input: { prefix: string }) => (input.prefix.endsWith('invoice.issuedAt') ? '.toISOString();' : '') };
    const completer = new SemanticCompleter(ngrams, { view: async (input) => ({ view: semantic.view(input) }) }, 60_000);
    const prefix = `${MAIN}invoice.iss`;
    expect(await completer.complete({ room: 'r', path: 'src/main.ts', prefix, suffix: '\n}\n', multiline: false, maxTokens: 32 })).toBe('uedAt.toISOString();');
  });

  it('keeps the n-gram guess where the service knows no name extending what is typed', async () => {
    // `lib` comes from a module the room does not hold: its members are unknown, so nothing is ruled out.
    const semantic = new SemanticEngine();
    semantic.room('r').set('src/main.js', "import * as lib from 'lib0/encoding'\n");
    const ngrams = { complete: () => '(encoder, 1)' };
    const completer = new SemanticCompleter(ngrams, { view: async (input) => ({ view: semantic.view(input) }) }, 60_000);
    const prefix = "import * as lib from 'lib0/encoding'\nlib.writeVarUint";
    expect(await completer.complete({ room: 'r', path: 'src/main.js', prefix, suffix: '\n', multiline: false, maxTokens: 32 })).toBe('(encoder, 1)');
  });

  it('suggests a variable in scope named like the parameter a call expects', async () => {
    const text = 'function send(recipient: string, body: string) {}\nconst recipient = "ada";\nsend(';
    const { complete } = room({ 'src/mail.ts': `${text});\n` });
    expect(await complete('src/mail.ts', text, ');\n')).toBe('recipient');
  });

  it('understands a file with no room on its own, keeping no file of earlier such requests', () => {
    const semantic = new SemanticEngine();
    for (const path of ['one.ts', 'two.ts']) {
      const prefix = 'const point = { x: 1, y: 2 };\npoint.';
      expect(semantic.view({ path, prefix, suffix: '\n' }).names).toEqual(['x', 'y']);
    }
    expect(semantic.roomCount).toBe(1);
  });

  it('answers right as a file is edited in place, keystroke after keystroke', () => {
    // Each request re-reads only the edited part of the file; the names must follow every edit.
    const semantic = new SemanticEngine();
    const head = 'const point = { x: 1, y: 2 };\nconst size = { width: 3, height: 4 };\n';
    const tail = '\nexport const done = true;\n';
    semantic.room('r').set('a.ts', head + tail);
    for (const [typed, names] of [['point.', ['x', 'y']], ['size.', ['height', 'width']], ['point.', ['x', 'y']]] as const) {
      for (let i = 1; i <= typed.length; i++) semantic.view({ room: 'r', path: 'a.ts', prefix: head + typed.slice(0, i), suffix: tail });
      expect(semantic.view({ room: 'r', path: 'a.ts', prefix: head + typed, suffix: tail }).names.sort()).toEqual(names);
    }
  });
  it('answers the first letter of a name from the list worked out at the cursor before it was typed', () => {
    const head = 'const point = { x: 1, y: 2 };\nfunction area(width: number, height: number) {\n  return ';
    const tail = ';\n}\n';
    const fresh = new SemanticEngine();
    fresh.room('r').set('a.ts', head + tail);
    const anticipated = new SemanticEngine();
    anticipated.room('r').set('a.ts', head + tail);
    anticipated.anticipate({ room: 'r', path: 'a.ts', prefix: head, suffix: tail });
    // Views at other cursors in between (a prefetched suggestion's) leave the anticipated list in use.
    anticipated.view({ room: 'r', path: 'a.ts', prefix: 'const point = { x: 1, y: 2 };\npoint.', suffix: '' });
    // The first letter is answered from that list: the service is not asked again.
    const asked = vi.spyOn(RoomLanguageService.prototype, 'setOverlay');
    let first;
    try {
      first = anticipated.view({ room: 'r', path: 'a.ts', prefix: `${head}w`, suffix: tail });
      expect(asked).not.toHaveBeenCalled();
    } finally {
      asked.mockRestore();
    }
    expect(first).toEqual(fresh.view({ room: 'r', path: 'a.ts', prefix: `${head}w`, suffix: tail }));
    for (const typed of ['he', 'po']) {
      const at = { room: 'r', path: 'a.ts', prefix: head + typed, suffix: tail };
      expect(anticipated.view(at)).toEqual(fresh.view(at));
    }
    const names = anticipated.view({ room: 'r', path: 'a.ts', prefix: `${head}wi`, suffix: tail }).names;
    expect(names).toContain('width');
    expect(names).not.toContain('height');
  });

  it('gets the service ready where the next key may begin a name, once the n-gram answer is out', async () => {
    const ngrams = new EmbeddedEngine({ corpusBytes: 0 });
    const semantic = new SemanticEngine();
    const anticipated: string[] = [];
    const source = {
      view: async (input: Parameters<SemanticEngine['view']>[0]) => ({ view: semantic.view(input) }),
      anticipate: (input: Parameters<SemanticEngine['anticipate']>[0]) => {
        anticipated.push(input.prefix);
        semantic.anticipate(input);
      },
    };
    const completer = new SemanticCompleter(ngrams, source, 60_000);
    const complete = (prefix: string) => completer.complete({ room: 'r', path: 'a.ts', prefix, suffix: '\n', multiline: false, maxTokens: 16 });
    const lineStart = 'const total = 1;\nexport const twice = ';
    await complete(lineStart);
    // Not inside a comment, a number or a name: no name can begin there.
    await complete('const total = 1;\n// the sum of ');
    await complete('const total = 1');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(anticipated).toEqual([lineStart]);
    expect((await source.view({ room: 'r', path: 'a.ts', prefix: `${lineStart}to`, suffix: '\n' })).view.names).toContain('total');
  });
});
