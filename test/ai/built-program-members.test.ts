import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../server/ai/embedded/tokens';
import { WorkspaceIndex } from '../../server/ai/embedded/workspace-index';
import { builtProgramMembers } from '../../server/ai/semantic/built-program-members';
import { RoomLanguageService } from '../../server/ai/semantic/room-language-service';
import { SemanticEngine } from '../../server/ai/semantic/semantic-engine';
import { semanticView } from '../../server/ai/semantic/semantic-view';

const TYPES = 'export interface Invoice {\n  customerName: string;\n  totalCents: number;\n  issuedAt: Date;\n}\n';
const MAIN = "import type { Invoice } from './types';\n\nexport function describeInvoice(invoice: Invoice): string {\n  return invoice.customerName;\n}\n";

function room(files: Record<string, string>) {
  const index = new WorkspaceIndex(new Vocabulary());
  for (const [path, text] of Object.entries(files)) index.set(path, text);
  const ls = new RoomLanguageService(index);
  ls.service.getProgram();
  return { index, ls, built: ls.built() };
}

/** The file as a person has it after deleting the rest of the name after the `.` at `at`. */
function deletedAfter(text: string, at: string): { text: string; cursor: number } {
  const cursor = text.indexOf(at) + at.length;
  const name = /^[\w$]*/.exec(text.slice(cursor))![0];
  return { text: text.slice(0, cursor) + text.slice(cursor + name.length), cursor };
}

/** What the service itself lists there, asked afresh about that text. */
function serviceAnswer(files: Record<string, string>, path: string, text: string, cursor: number) {
  const { ls } = room(files);
  ls.setOverlay(path, text);
  return semanticView(ls, path, cursor);
}

describe('members from the program already built', () => {
  it('offers the members of a type declared in another room file after `.`', () => {
    const { ls, built } = room({ 'src/types.ts': TYPES, 'src/main.ts': MAIN });
    const { text, cursor } = deletedAfter(MAIN, 'invoice.');
    expect(builtProgramMembers(ls, built, 'src/main.ts', text, cursor)?.names.sort()).toEqual(['customerName', 'issuedAt', 'totalCents']);
  });

  it('lists what the language service lists, in its order', () => {
    const cases: Array<[string, string]> = [
      ['class Account {\n  private secret = 1;\n  static count = 0;\n  get label() { return "a"; }\n  open() { return this.secret; }\n}\nexport const n = new Account().open();\nexport const c = Account.count;\n', 'Account().'],
      ['class Account {\n  private secret = 1;\n  static count = 0;\n  open() { return this.secret; }\n}\n', 'this.'],
      ['class Account {\n  private secret = 1;\n  static count = 0;\n  static make() { return new Account(); }\n}\nexport const c = Account.count;\n', 'Account.'],
      ['const words = ["a", "b"];\nexport const n = words.length;\n', 'words.'],
      ['const words = ["a", "b"];\nexport const first = words[0].trim();\n', '].'],
      ['const seen = new Map<string, { at: number; by: string }>();\nexport const at = seen.get("x")?.at ?? seen.size;\n', 'seen.'],
      ['export function f(x?: { a: number; b?: string }) {\n  return x.a;\n}\n', 'x.'],
      ['type Shape = { kind: "circle"; r: number } | { kind: "square"; side: number };\nexport function area(s: Shape) {\n  return s.kind;\n}\n', 's.'],
      ['export function f(p: Promise<string>) {\n  return p.then((v) => v.length);\n}\n', 'v.'],
      ['class Base {\n  protected shared = 1;\n  greet() { return "hi"; }\n}\nclass Child extends Base {\n  run() { return super.greet(); }\n}\n', 'super.'],
      ['export const text = `${Date.now()}`;\n', 'Date.'],
      ['const key = Symbol("k");\nconst o = { [key]: 1, "not-a-name": 2, plain: 3 };\nexport const v = o.plain;\n', 'o.'],
    ];
    for (const [source, at] of cases) {
      const { ls, built } = room({ 'a.ts': source });
      const { text, cursor } = deletedAfter(source, at);
      const answer = builtProgramMembers(ls, built, 'a.ts', text, cursor);
      expect(answer, at).not.toBeNull();
      expect(answer, at).toEqual(serviceAnswer({ 'a.ts': source }, 'a.ts', text, cursor));
    }
  });

  it('answers the dot just typed from the program built before it, as the service would', () => {
    // `|` is where the dot is typed.
    const cases = [
      'class Account {\n  private secret = 1;\n  open() { return this|; }\n}\n',
      'const words = ["a", "b"];\nexport const n = words|;\n',
      'export function f(x?: { a: number; b?: string }) {\n  return g(x|);\n}\nfunction g(v: unknown) { return v; }\n',
      'const seen = new Map<string, number>();\nexport const all = [seen.get("x")|];\n',
      'export async function f(p: Promise<string>) {\n  const v = await p|\n  return v;\n}\n',
    ];
    for (const source of cases) {
      const before = source.replace('|', '');
      const text = source.replace('|', '.');
      const cursor = source.indexOf('|') + 1;
      const { ls, built } = room({ 'a.ts': before });
      const answer = builtProgramMembers(ls, built, 'a.ts', text, cursor);
      expect(answer, source).not.toBeNull();
      expect(answer, source).toEqual(serviceAnswer({ 'a.ts': before }, 'a.ts', text, cursor));
    }
  });

  it('leaves a dot typed after a name that is no value there to the service', () => {
    for (const source of ['let count| = 1;\n', 'function run|() {}\n', 'type T = { a: Date| };\n']) {
      const { ls, built } = room({ 'a.ts': source.replace('|', '') });
      expect(builtProgramMembers(ls, built, 'a.ts', source.replace('|', '.'), source.indexOf('|') + 1), source).toBeNull();
    }
  });

  it('offers nothing after a dot in a string or a comment, as the service', () => {
    const cases: Array<[string, string]> = [
      ['export const field = "name.first";\n', 'name.'],
      ['export const n = Math.max(/* see a.b */ 1, 2);\n', 'a.'],
    ];
    for (const [source, at] of cases) {
      const { ls, built } = room({ 'a.ts': source });
      const { text, cursor } = deletedAfter(source, at);
      expect(builtProgramMembers(ls, built, 'a.ts', text, cursor)?.names, at).toEqual([]);
      expect(serviceAnswer({ 'a.ts': source }, 'a.ts', text, cursor).names, at).toEqual([]);
    }
  });

  it('narrows by what is typed of the name and answers where nothing follows the dot any more', () => {
    const { ls, built } = room({ 'src/types.ts': TYPES, 'src/main.ts': MAIN });
    const head = `${MAIN.slice(0, MAIN.indexOf('invoice.'))}invoice.to`;
    const text = head + MAIN.slice(MAIN.indexOf(';\n}'));
    const cursor = head.length;
    const answer = builtProgramMembers(ls, built, 'src/main.ts', text, cursor);
    expect(answer?.partial).toBe('to');
    expect(answer).toEqual(serviceAnswer({ 'src/types.ts': TYPES, 'src/main.ts': MAIN }, 'src/main.ts', text, cursor));
  });

  it('gives no answer once another room file changed, and the engine sees the changed declaration', () => {
    const { index, ls, built } = room({ 'src/types.ts': TYPES, 'src/main.ts': MAIN });
    index.set('src/types.ts', TYPES.replace('customerName', 'customerDisplayName'));
    const { text, cursor } = deletedAfter(MAIN, 'invoice.');
    expect(builtProgramMembers(ls, built, 'src/main.ts', text, cursor)).toBeNull();

    const engine = new SemanticEngine();
    engine.room('r').set('src/types.ts', TYPES);
    engine.room('r').set('src/main.ts', MAIN);
    const ask = () => engine.view({ room: 'r', path: 'src/main.ts', prefix: text.slice(0, cursor), suffix: text.slice(cursor) });
    expect(ask().names).toContain('customerName');
    engine.room('r').set('src/types.ts', TYPES.replace('customerName', 'customerDisplayName'));
    expect(ask().names.sort()).toEqual(['customerDisplayName', 'issuedAt', 'totalCents']);
  });

  it('gives no answer where the file changed before the dot', () => {
    const { ls, built } = room({ 'src/types.ts': TYPES, 'src/main.ts': MAIN });
    const edited = MAIN.replace('describeInvoice', 'describe');
    const { text, cursor } = deletedAfter(edited, 'invoice.');
    expect(builtProgramMembers(ls, built, 'src/main.ts', text, cursor)).toBeNull();
  });

  it('gives no answer from a program whose file the service has re-parsed since, even with the same text again', () => {
    const { ls, built } = room({ 'src/types.ts': TYPES, 'src/main.ts': MAIN });
    ls.setOverlay('src/main.ts', `${MAIN}export const later = 1;\n`);
    ls.service.getProgram();
    ls.clearOverlay();
    const { text, cursor } = deletedAfter(MAIN, 'invoice.');
    expect(builtProgramMembers(ls, built, 'src/main.ts', text, cursor)).toBeNull();
  });

  it("leaves a namespace's exports and JavaScript files to the service, which the engine then asks", () => {
    const space = 'namespace Units {\n  export const metre = 1;\n  export function km() { return 1000; }\n}\nexport const m = Units.metre;\n';
    const { ls, built } = room({ 'units.ts': space, 'app.js': 'const o = { a: 1, b: 2 };\nconsole.log(o.a);\n' });
    const inSpace = deletedAfter(space, 'Units.');
    expect(builtProgramMembers(ls, built, 'units.ts', inSpace.text, inSpace.cursor)).toBeNull();
    const inJs = deletedAfter('const o = { a: 1, b: 2 };\nconsole.log(o.a);\n', 'o.');
    expect(builtProgramMembers(ls, built, 'app.js', inJs.text, inJs.cursor)).toBeNull();

    const engine = new SemanticEngine();
    engine.room('r').set('units.ts', space);
    engine.view({ room: 'r', path: 'units.ts', prefix: space.slice(0, space.indexOf('Units.') + 6), suffix: ';\n' });
    expect(engine.view({ room: 'r', path: 'units.ts', prefix: inSpace.text.slice(0, inSpace.cursor), suffix: inSpace.text.slice(inSpace.cursor) }).names.sort()).toEqual(['km', 'metre']);
  });
});
