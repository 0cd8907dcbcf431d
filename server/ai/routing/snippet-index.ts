/**
 * The windows of a room's files, indexed by identifier, so finding the snippets related to the cursor
 * costs the identifiers near the cursor, not the workspace. Files are (re)indexed one at a time when they
 * change; a window is scored only when it shares an identifier with the query, which is exactly the set
 * of windows a full scan could score above zero.
 */
import type { ContextSnippet } from '../tiers/model-tier';

const WINDOW_LINES = 12;
const STEP_LINES = 6;
/** Below this the overlap is mostly keywords and common names. */
const MIN_SCORE = 0.12;
/**
 * An identifier in more windows than this says little about any of them (a room-wide `props`, `data`):
 * it is not looked up, which keeps a query's cost bounded on a workspace at the document limit.
 */
const MAX_POSTINGS = 4000;

/** Keywords every file shares: counting them would make unrelated files look similar. */
const KEYWORDS = new Set(
  'const let var function return export import from this new class extends if else for while true false null undefined async await type interface default def self None True False public private static void'.split(' '),
);

export function identifiers(text: string): Set<string> {
  return new Set((text.match(/[A-Za-z_$][\w$]{2,}/g) ?? []).filter((w) => !KEYWORDS.has(w)));
}

export interface SnippetSource {
  path: string;
  text: string;
}

interface Window {
  path: string;
  line: number;
  text: string;
  idCount: number;
}

interface Scored extends ContextSnippet {
  score: number;
  line: number;
}

export class SnippetIndex {
  private readonly windows = new Map<string, Window[]>();
  private readonly postings = new Map<string, Set<Window>>();
  private readonly ids = new WeakMap<Window, string[]>();
  /** Files indexed so far (a file counts again each time it is re-indexed after a change). */
  indexedFiles = 0;

  set(path: string, text: string): void {
    const step = this.begin(path, text);
    while (step(Infinity));
  }

  /**
   * Indexes `path` afresh in steps, so a large file never holds the caller for long: each call of the
   * returned function indexes windows until `deadline` (a `performance.now()` time) passes and says
   * whether any are left. The file's old windows go at once; its new ones count as they are added.
   */
  begin(path: string, text: string): (deadline: number) => boolean {
    this.remove(path);
    const list: Window[] = [];
    this.windows.set(path, list);
    let start = 0;
    let line = 0;
    return (deadline) => {
      if (this.windows.get(path) !== list) return false; // re-indexed or removed since
      for (let n = 0; start !== -1; n++) {
        if (n % 16 === 0 && n > 0 && performance.now() > deadline) return true;
        const end = lineAfter(text, start, WINDOW_LINES);
        this.addWindow(list, path, line, text.slice(start, end === -1 ? text.length : end - 1));
        if (end === -1) break;
        start = lineAfter(text, start, STEP_LINES);
        line += STEP_LINES;
      }
      start = -1;
      this.indexedFiles++;
      return false;
    };
  }

  private addWindow(list: Window[], path: string, line: number, text: string): void {
    const found = [...identifiers(text)];
    const window: Window = { path, line, text, idCount: found.length };
    list.push(window);
    this.ids.set(window, found);
    for (const id of found) {
      let set = this.postings.get(id);
      if (!set) this.postings.set(id, (set = new Set()));
      set.add(window);
    }
  }

  remove(path: string): void {
    for (const window of this.windows.get(path) ?? []) {
      for (const id of this.ids.get(window) ?? []) {
        const set = this.postings.get(id);
        set?.delete(window);
        if (set?.size === 0) this.postings.delete(id);
      }
    }
    this.windows.delete(path);
  }

  /** Up to `maxChars` of recent edits and then the best-matching windows for the text before the cursor. */
  related(prefix: string, excludePath: string, recentEdits: ReadonlyArray<SnippetSource>, maxChars: number): ContextSnippet[] {
    if (maxChars <= 0) return [];
    const query = identifiers(prefix.split('\n').slice(-WINDOW_LINES).join('\n'));
    const shared = new Map<Window, number>();
    for (const id of query) {
      const set = this.postings.get(id);
      if (!set || set.size > MAX_POSTINGS) continue;
      for (const window of set) if (window.path !== excludePath) shared.set(window, (shared.get(window) ?? 0) + 1);
    }
    const candidates: Scored[] = [];
    for (const [window, count] of shared) {
      const score = count / (query.size + window.idCount - count);
      if (score >= MIN_SCORE) candidates.push({ path: window.path, text: window.text, score, line: window.line });
    }
    candidates.sort((a, b) => b.score - a.score || (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
    const chosen: Scored[] = [];
    let used = 0;
    // Recent edits first: what the people in the room just changed is the best hint of what comes next.
    for (const edit of recentEdits) {
      if (used + edit.text.length > maxChars) break;
      chosen.push({ path: edit.path, text: edit.text, score: 1, line: -1 });
      used += edit.text.length;
    }
    for (const c of candidates) {
      if (used + c.text.length > maxChars) continue;
      // Overlapping windows of one file repeat each other.
      if (chosen.some((x) => x.path === c.path && Math.abs(x.line - c.line) < WINDOW_LINES)) continue;
      chosen.push(c);
      used += c.text.length;
    }
    // A stable order (path, then line), not by score: the same choice gives the same prompt text, so
    // provider prefix caches keep hitting.
    chosen.sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
    return chosen.map(({ path, text }) => ({ path, text }));
  }
}

/** Where the line `lines` lines after the one starting at `start` begins; -1 when the text ends first. */
function lineAfter(text: string, start: number, lines: number): number {
  let at = start;
  for (let i = 0; i < lines; i++) {
    const newline = text.indexOf('\n', at);
    if (newline === -1) return -1;
    at = newline + 1;
  }
  return at;
}
