// server/ai/semantic/: the TypeScript language service over a room's files (TypeScript 5.9, whose JavaScript
// API the native TypeScript 7 lacks): semantic completions that steer the n-gram engine, and the refactors
// and quick fixes Spark types with no model. It runs in a worker thread of its own. This file is the entry.
/**
 * One room's TypeScript language service. The room's files come from the engine's mirror of the room (a
 * WorkspaceIndex); the standard library declarations are read once per worker and shared by every room
 * through one document registry. A completion may bring the asker's own text of a file (it can be a
 * keystroke ahead of the mirror): that text overlays the mirror's until the mirror's text of that file
 * changes. A file's script version follows its text, not how it got there: text equal to the last one
 * seen keeps its version, so the mirror catching up with an overlay, or an overlay left in place while
 * another file is asked about, builds no new program.
 */
import ts from 'typescript5';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { WorkspaceIndex } from '../embedded/workspace-index';
import { isScriptPath } from './cursor-context';

/**
 * Where a room's files appear to the compiler: a root no real file lives under, one per service, because
 * the shared document registry keys parsed files by name and version, and two rooms may both hold a
 * version 1 of `main.ts`.
 */
let services = 0;
const LIB_DIR = path.dirname(createRequire(import.meta.url).resolve('typescript5'));

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  // Playground code runs in the browser: the DOM's globals (console, fetch, document) are in scope.
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  allowJs: true,
  jsx: ts.JsxEmit.Preserve,
  strict: true,
  noEmit: true,
  // No @types from node_modules: the room's code sees only what the room declares and the standard library.
  types: [],
};

/** Library files never change while the process runs: read each once, with one snapshot each. */
const libTexts = new Map<string, { text: string; snapshot: ts.IScriptSnapshot } | undefined>();
function readLib(fileName: string): { text: string; snapshot: ts.IScriptSnapshot } | undefined {
  if (!libTexts.has(fileName)) {
    const text = ts.sys.readFile(fileName);
    libTexts.set(fileName, text === undefined ? undefined : { text, snapshot: ts.ScriptSnapshot.fromString(text) });
  }
  return libTexts.get(fileName);
}

/**
 * JSDoc is parsed only where it carries types (JavaScript files): in TypeScript and the library's
 * declarations it is prose, and skipping it makes each keystroke's re-parse and the library's first parse
 * cheaper. The registry and every host must agree on it.
 */
const JSDOC_PARSING = ts.JSDocParsingMode.ParseForTypeInfo;

const registry = ts.createDocumentRegistry(undefined, undefined, JSDOC_PARSING);

/**
 * A file's text that can say what changed since an earlier one (the common head and tail), so the
 * compiler re-parses only the edited part of a file instead of all of it on every keystroke.
 */
class TextSnapshot implements ts.IScriptSnapshot {
  constructor(readonly text: string) {}

  getText(start: number, end: number): string {
    return this.text.substring(start, end);
  }

  getLength(): number {
    return this.text.length;
  }

  getChangeRange(old: ts.IScriptSnapshot): ts.TextChangeRange | undefined {
    if (!(old instanceof TextSnapshot)) return undefined;
    const before = old.text;
    const after = this.text;
    const shorter = Math.min(before.length, after.length);
    let head = 0;
    while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
    let tail = 0;
    while (tail < shorter - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
    return ts.createTextChangeRange(ts.createTextSpan(head, before.length - head - tail), after.length - head - tail);
  }
}

/** What the compiler was last given for a room file: its text, the version that names it, its snapshot. */
interface Seen {
  text: string;
  version: string;
  snapshot: TextSnapshot;
}

/** A program the service built, with the version of each room file it was built from. */
export interface BuiltProgram {
  program: ts.Program;
  versions: ReadonlyMap<string, string>;
}

export class RoomLanguageService {
  readonly service: ts.LanguageService;
  /** The asker's text per room path, with the mirror's version it was laid over. */
  private readonly overlays = new Map<string, { text: string; mirrorVersion: number }>();
  private readonly root = `/room-${++services}/`;
  private readonly seen = new Map<string, Seen>();
  private versions = 0;

  constructor(private readonly files: WorkspaceIndex) {
    const ROOT = this.root;
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => this.files.paths().filter(isScriptPath).map((p) => ROOT + p),
      getScriptVersion: (fileName) => this.current(fileName)?.version ?? '0',
      getScriptSnapshot: (fileName) => this.current(fileName)?.snapshot ?? readLib(fileName)?.snapshot,
      getCurrentDirectory: () => ROOT,
      getCompilationSettings: () => COMPILER_OPTIONS,
      getDefaultLibFileName: (options) => path.join(LIB_DIR, ts.getDefaultLibFileName(options)),
      fileExists: (fileName) => this.read(fileName) !== undefined,
      readFile: (fileName) => this.read(fileName),
      // Module resolution may probe folders: only the room's and the library's exist.
      directoryExists: (dir) => dir.startsWith(ROOT.slice(0, -1)) || dir.startsWith(LIB_DIR),
      getDirectories: () => [],
      jsDocParsingMode: JSDOC_PARSING,
    };
    this.service = ts.createLanguageService(host, registry);
  }

  /** The compiler's name for a room path. */
  fileName(roomPath: string): string {
    return this.root + roomPath;
  }

  text(roomPath: string): string | undefined {
    const overlay = this.overlays.get(roomPath);
    if (overlay) {
      if (overlay.mirrorVersion === this.files.version(roomPath)) return overlay.text;
      // The mirror's text changed since: it now holds the asker's edit, or a later one.
      this.overlays.delete(roomPath);
    }
    return this.files.text(roomPath);
  }

  /** Uses `text` for `roomPath` until the mirror's text of it changes, or `clearOverlay`. */
  setOverlay(roomPath: string, text: string): void {
    if (text === this.files.text(roomPath)) this.overlays.delete(roomPath);
    else this.overlays.set(roomPath, { text, mirrorVersion: this.files.version(roomPath) });
  }

  /** Every file as the mirror holds it. */
  clearOverlay(): void {
    this.overlays.clear();
  }

  /** The program the service holds now: right after a question to the service, nothing is read again. */
  built(): BuiltProgram {
    const program = this.service.getProgram()!;
    const versions = new Map(program.getRootFileNames().map((name) => [name, this.seen.get(name)?.version ?? '']));
    return { program, versions };
  }

  /**
   * Whether `built` still holds the room as the compiler would see it now, but for `roomPath`'s text:
   * the same files, each other one with the text it was built from, and none given to the compiler in a
   * newer version since (the compiler re-parses a changed file in place, reusing the old tree's nodes,
   * so a program whose file was re-parsed can no longer be read).
   */
  holdsAllBut(built: BuiltProgram, roomPath: string): boolean {
    const paths = this.files.paths().filter(isScriptPath);
    if (paths.length !== built.versions.size) return false;
    return paths.every((file) => {
      const seen = this.seen.get(this.root + file);
      return seen !== undefined && seen.version === built.versions.get(this.root + file) && (file === roomPath || this.text(file) === seen.text);
    });
  }

  dispose(): void {
    this.service.dispose();
  }

  /** A room file's text as the compiler should see it now, named by a version that changes with the text. */
  private current(fileName: string): Seen | undefined {
    if (!fileName.startsWith(this.root)) return undefined;
    const roomPath = fileName.slice(this.root.length);
    const text = isScriptPath(roomPath) ? this.text(roomPath) : undefined;
    if (text === undefined) {
      this.seen.delete(fileName);
      return undefined;
    }
    const known = this.seen.get(fileName);
    if (known?.text === text) {
      // Equal text from another string: later comparisons with the newer string are by identity.
      known.text = text;
      return known;
    }
    const seen = { text, version: String(++this.versions), snapshot: new TextSnapshot(text) };
    this.seen.set(fileName, seen);
    return seen;
  }

  private read(fileName: string): string | undefined {
    if (fileName.startsWith(this.root)) {
      const roomPath = fileName.slice(this.root.length);
      return isScriptPath(roomPath) ? this.text(roomPath) : undefined;
    }
    return fileName.startsWith(LIB_DIR) ? readLib(fileName)?.text : undefined;
  }
}
