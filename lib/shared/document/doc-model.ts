// lib/shared/document/: the shape of a session's shared Y.Doc (files, chat log, runs) with the zod schemas
// the server checks writes against. doc-model.ts (files) is the entry point; chat-log.ts holds the room chat,
// run-log.ts the runs, and document-shape.ts the whole model as the server enforces it.

import * as Y from 'yjs';

/**
 * The shared document of a session: one Y.Map of path -> Y.Text. The browser, the server and the Spark
 * peer all read and write it through these helpers, so the shape is defined once. DOM-free on purpose.
 */
export const FILES_KEY = 'files';

export const STARTER_FILE = {
  path: 'main.ts',
  content: `// Welcome to Sparkpad. Everyone with the edit link types here live.\n\nexport function greet(name: string): string {\n  return \`Hello, \${name}!\`;\n}\n\nconsole.log(greet('world'));\n`,
} as const;

export const MAX_PATH_LENGTH = 200;

export const FILE_ERROR_MESSAGES = {
  EMPTY: 'Give the file a name.',
  TOO_LONG: `Names are at most ${MAX_PATH_LENGTH} characters.`,
  LEADING_SLASH: 'Paths are relative: drop the leading "/".',
  TRAILING_SLASH: 'A file name cannot end with "/".',
  EMPTY_SEGMENT: 'A path cannot contain "//".',
  PARENT_SEGMENT: 'A path cannot contain "." or ".." segments.',
  CONTROL_CHAR: 'Names cannot contain control characters.',
  INVALID_CHAR: 'Use letters, digits, spaces and . _ - / only.',
  EXISTS: 'A file with that name already exists.',
  NOT_FOUND: 'That file no longer exists.',
} as const;
export type FileError = keyof typeof FILE_ERROR_MESSAGES;

export type FileResult<T = void> = { ok: true; value: T } | { ok: false; reason: FileError };

const ok = <T>(value: T): FileResult<T> => ({ ok: true, value });
const fail = (reason: FileError): { ok: false; reason: FileError } => ({ ok: false, reason });

// Control characters would be invisible in the tree and break terminals that print paths.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const ALLOWED_CHARS = /^[\w.\-/ ]+$/;

/** Checks a path against the naming rules. The server runs the same check, so the UI error is the truth. */
export function validatePath(raw: string): FileResult<string> {
  const path = raw.trim();
  if (path.length === 0) return fail('EMPTY');
  if (path.length > MAX_PATH_LENGTH) return fail('TOO_LONG');
  if (CONTROL_CHARS.test(path)) return fail('CONTROL_CHAR');
  if (!ALLOWED_CHARS.test(path)) return fail('INVALID_CHAR');
  if (path.startsWith('/')) return fail('LEADING_SLASH');
  if (path.endsWith('/')) return fail('TRAILING_SLASH');
  const segments = path.split('/');
  if (segments.some((segment) => segment.trim() === '')) return fail('EMPTY_SEGMENT');
  if (segments.some((segment) => segment === '.' || segment === '..')) return fail('PARENT_SEGMENT');
  return ok(path);
}

export function filesOf(doc: Y.Doc): Y.Map<Y.Text> {
  return doc.getMap<Y.Text>(FILES_KEY);
}

/**
 * Paths in a stable order: what a file tree shows. The server refuses any other value, but a reader never
 * trusts that: an entry that is not a Y.Text is not a file.
 */
export function listFiles(doc: Y.Doc): string[] {
  const paths: string[] = [];
  for (const [path, value] of filesOf(doc)) if (value instanceof Y.Text) paths.push(path);
  return paths.sort((a, b) => a.localeCompare(b));
}

export function getFile(doc: Y.Doc, path: string): Y.Text | undefined {
  const value: unknown = filesOf(doc).get(path);
  return value instanceof Y.Text ? value : undefined;
}

/** Every file's text by path, in the file tree's order: the workspace as plain files, to run, export or compare. */
export function fileTexts(doc: Y.Doc): Map<string, string> {
  return new Map(listFiles(doc).map((path) => [path, getFile(doc, path)!.toString()]));
}

export function createFile(doc: Y.Doc, rawPath: string, content = '', origin?: unknown): FileResult<string> {
  const valid = validatePath(rawPath);
  if (!valid.ok) return valid;
  const files = filesOf(doc);
  if (files.has(valid.value)) return fail('EXISTS');
  doc.transact(() => files.set(valid.value, new Y.Text(content)), origin);
  return valid;
}

/**
 * A Y.Text cannot move between map keys, so a rename copies the content into a new Y.Text. Both steps sit
 * in one transaction: peers never see the file missing or doubled.
 */
export function renameFile(doc: Y.Doc, from: string, rawTo: string, origin?: unknown): FileResult<string> {
  const valid = validatePath(rawTo);
  if (!valid.ok) return valid;
  const files = filesOf(doc);
  const source = files.get(from);
  if (!source) return fail('NOT_FOUND');
  if (valid.value === from) return valid;
  if (files.has(valid.value)) return fail('EXISTS');
  doc.transact(() => {
    const copy = new Y.Text();
    copy.applyDelta(source.toDelta());
    files.set(valid.value, copy);
    files.delete(from);
  }, origin);
  return valid;
}

export function deleteFile(doc: Y.Doc, path: string, origin?: unknown): FileResult {
  const files = filesOf(doc);
  if (!files.has(path)) return fail('NOT_FOUND');
  doc.transact(() => files.delete(path), origin);
  return ok(undefined);
}

/** Files as one Yjs update: new keys of the files map, which merge into any document. */
export function filesUpdate(files: Record<string, string>): Uint8Array {
  const doc = new Y.Doc();
  for (const [path, text] of Object.entries(files)) createFile(doc, path, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * The first update of every new session: its starter file. The server stores it when it creates the
 * room, before anyone has the link, so every first visitor finds the same Y.Text and types into it; a
 * starter file written by whichever browser synced first could be written twice, and the Y.Map would
 * keep one of them and drop what was typed into the other.
 */
export function starterUpdate(): Uint8Array {
  return filesUpdate({ [STARTER_FILE.path]: STARTER_FILE.content });
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  json: 'json', css: 'css', scss: 'scss', less: 'less', html: 'html', htm: 'html',
  md: 'markdown', markdown: 'markdown', py: 'python', rs: 'rust', go: 'go', java: 'java',
  c: 'c', h: 'c', cpp: 'cpp', cc: 'cpp', hpp: 'cpp', cs: 'csharp', rb: 'ruby', php: 'php',
  sh: 'shell', bash: 'shell', yml: 'yaml', yaml: 'yaml', sql: 'sql', xml: 'xml', svg: 'xml',
  kt: 'kotlin', swift: 'swift', lua: 'lua', dockerfile: 'dockerfile',
};

/** Monaco language id for a path; 'plaintext' when the extension is unknown. */
export function languageForPath(path: string): string {
  const name = path.split('/').pop()!.toLowerCase();
  if (name === 'dockerfile') return 'dockerfile';
  const dot = name.lastIndexOf('.');
  if (dot < 0) return 'plaintext';
  return LANGUAGE_BY_EXTENSION[name.slice(dot + 1)] ?? 'plaintext';
}
