import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createFile,
  deleteFile,
  filesOf,
  getFile,
  languageForPath,
  listFiles,
  renameFile,
  STARTER_FILE,
  starterUpdate,
  validatePath,
} from '../../lib/shared/document/doc-model';

describe('file names', () => {
  it.each([
    ['', 'EMPTY'],
    ['/etc/passwd', 'LEADING_SLASH'],
    ['src/', 'TRAILING_SLASH'],
    ['src//a.ts', 'EMPTY_SEGMENT'],
    ['src/../a.ts', 'PARENT_SEGMENT'],
    ['./a.ts', 'PARENT_SEGMENT'],
    ['a\u0007.ts', 'CONTROL_CHAR'],
    ['a\n.ts', 'CONTROL_CHAR'],
    ['a<b>.ts', 'INVALID_CHAR'],
    ['x'.repeat(201), 'TOO_LONG'],
  ])('refuses %j as %s', (name, reason) => {
    expect(validatePath(name)).toEqual({ ok: false, reason });
  });

  it.each(['main.ts', 'src/utils/strings.ts', 'My Notes.md', '.env.example', 'a-b_c.d'])('accepts %j', (name) => {
    expect(validatePath(name)).toEqual({ ok: true, value: name });
  });

  it('trims surrounding spaces', () => {
    expect(validatePath('  main.ts ')).toEqual({ ok: true, value: 'main.ts' });
  });
});

describe('the files map', () => {
  it('creates, lists in order and refuses a second file with the same name', () => {
    const doc = new Y.Doc();
    expect(createFile(doc, 'b.ts', 'b')).toEqual({ ok: true, value: 'b.ts' });
    createFile(doc, 'a.ts');
    expect(listFiles(doc)).toEqual(['a.ts', 'b.ts']);
    expect(createFile(doc, 'b.ts')).toEqual({ ok: false, reason: 'EXISTS' });
    expect(getFile(doc, 'b.ts')?.toString()).toBe('b');
  });

  it('renames by copying the content, in one transaction peers see at once', () => {
    const doc = new Y.Doc();
    createFile(doc, 'old.ts', 'const x = 1;');
    const events: Array<Map<string, string>> = [];
    filesOf(doc).observe((event) => events.push(new Map([...event.changes.keys].map(([k, c]) => [k, c.action]))));

    expect(renameFile(doc, 'old.ts', 'new.ts')).toEqual({ ok: true, value: 'new.ts' });
    expect(listFiles(doc)).toEqual(['new.ts']);
    expect(getFile(doc, 'new.ts')?.toString()).toBe('const x = 1;');
    expect(events).toEqual([new Map([['new.ts', 'add'], ['old.ts', 'delete']])]);
  });

  it('names why a rename or delete cannot happen', () => {
    const doc = new Y.Doc();
    createFile(doc, 'a.ts');
    createFile(doc, 'b.ts');
    expect(renameFile(doc, 'a.ts', 'b.ts')).toEqual({ ok: false, reason: 'EXISTS' });
    expect(renameFile(doc, 'gone.ts', 'c.ts')).toEqual({ ok: false, reason: 'NOT_FOUND' });
    expect(renameFile(doc, 'a.ts', '../c.ts')).toEqual({ ok: false, reason: 'PARENT_SEGMENT' });
    expect(deleteFile(doc, 'a.ts')).toEqual({ ok: true, value: undefined });
    expect(deleteFile(doc, 'a.ts')).toEqual({ ok: false, reason: 'NOT_FOUND' });
  });

  it('starts every session from one starter file that two first visitors edit together', () => {
    const starter = starterUpdate();
    const [one, two] = [new Y.Doc(), new Y.Doc()];
    Y.applyUpdate(one, starter);
    Y.applyUpdate(two, starter);
    // Both type before either hears from the other: into the same Y.Text, so both edits survive.
    getFile(one, STARTER_FILE.path)!.insert(0, '// one\n');
    getFile(two, STARTER_FILE.path)!.insert(STARTER_FILE.content.length, '// two\n');
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    for (const doc of [one, two]) {
      expect(listFiles(doc)).toEqual([STARTER_FILE.path]);
      expect(getFile(doc, STARTER_FILE.path)?.toString()).toBe(`// one\n${STARTER_FILE.content}// two\n`);
    }
  });
});

describe('languages', () => {
  it.each([
    ['main.ts', 'typescript'],
    ['App.TSX', 'typescript'],
    ['index.mjs', 'javascript'],
    ['data/config.json', 'json'],
    ['README.md', 'markdown'],
    ['script.py', 'python'],
    ['Dockerfile', 'dockerfile'],
    ['notes', 'plaintext'],
    ['archive.xyz', 'plaintext'],
  ])('%s is %s', (path, language) => {
    expect(languageForPath(path)).toBe(language);
  });
});
