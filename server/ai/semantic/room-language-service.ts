// server/ai/semantic/: the TypeScript language service over a room's files (TypeScript 5.9, whose JavaScript
// API the native TypeScript 7 lacks): semantic completions that steer the n-gram engine, and the refactors
// and quick fixes Spark types with no model. It runs in a worker thread of its own. This file is the entry.
/**
 * One room's TypeScript language service. The room's files come from the engine's mirror of the room
 * (a WorkspaceIndex, whose per-file version is the script version, so only a changed file is re-parsed);
 * the standard library declarations are read once per worker and shared by every room through one
 * document registry. A completion may bring the asker's own text of the file (it can be a keystroke ahead
 * of the mirror): that text overlays the mirror's until the next request.
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

/** Library files never change while the process runs: read each once. */
const libTexts = new Map<string, string | undefined>();
function readLib(fileName: string): string | undefined {
  if (!libTexts.has(fileName)) libTexts.set(fileName, ts.sys.readFile(fileName));
  return libTexts.get(fileName);
}

const registry = ts.createDocumentRegistry();

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

export class RoomLanguageService {
  readonly service: ts.LanguageService;
  private overlay: { path: string; text: string; version: number } | null = null;
  private overlays = 0;
  private readonly root = `/room-${++services}/`;
  /** The last snapshot handed out per room file, so the same version is the same snapshot. */
  private readonly snapshots = new Map<string, { version: string; snapshot: TextSnapshot }>();

  constructor(private readonly files: WorkspaceIndex) {
    const ROOT = this.root;
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => this.files.paths().filter(isScriptPath).map((p) => ROOT + p),
      getScriptVersion: (fileName) => this.version(fileName),
      getScriptSnapshot: (fileName) => this.snapshot(fileName),
      getCurrentDirectory: () => ROOT,
      getCompilationSettings: () => COMPILER_OPTIONS,
      getDefaultLibFileName: (options) => path.join(LIB_DIR, ts.getDefaultLibFileName(options)),
      fileExists: (fileName) => this.read(fileName) !== undefined,
      readFile: (fileName) => this.read(fileName),
      // Module resolution may probe folders: only the room's and the library's exist.
      directoryExists: (dir) => dir.startsWith(ROOT.slice(0, -1)) || dir.startsWith(LIB_DIR),
      getDirectories: () => [],
    };
    this.service = ts.createLanguageService(host, registry);
  }

  /** The compiler's name for a room path. */
  fileName(roomPath: string): string {
    return this.root + roomPath;
  }

  text(roomPath: string): string | undefined {
    if (this.overlay?.path === roomPath) return this.overlay.text;
    return this.files.text(roomPath);
  }

  /** Uses `text` for `roomPath` until another overlay or `clearOverlay`; unchanged text keeps its parse. */
  setOverlay(roomPath: string, text: string): void {
    if (this.overlay?.path === roomPath && this.overlay.text === text) return;
    this.overlay = text === this.files.text(roomPath) ? null : { path: roomPath, text, version: ++this.overlays };
  }

  clearOverlay(): void {
    this.overlay = null;
  }

  dispose(): void {
    this.service.dispose();
  }

  private version(fileName: string): string {
    if (!fileName.startsWith(this.root)) return '0';
    const roomPath = fileName.slice(this.root.length);
    if (this.overlay?.path === roomPath) return `o${this.overlay.version}`;
    return `m${this.files.version(roomPath)}`;
  }

  private snapshot(fileName: string): ts.IScriptSnapshot | undefined {
    const text = this.read(fileName);
    if (text === undefined) {
      this.snapshots.delete(fileName);
      return undefined;
    }
    if (!fileName.startsWith(this.root)) return ts.ScriptSnapshot.fromString(text);
    const version = this.version(fileName);
    const known = this.snapshots.get(fileName);
    if (known?.version === version) return known.snapshot;
    const snapshot = new TextSnapshot(text);
    this.snapshots.set(fileName, { version, snapshot });
    return snapshot;
  }

  private read(fileName: string): string | undefined {
    if (fileName.startsWith(this.root)) {
      const roomPath = fileName.slice(this.root.length);
      return isScriptPath(roomPath) ? this.text(roomPath) : undefined;
    }
    return fileName.startsWith(LIB_DIR) ? readLib(fileName) : undefined;
  }
}
