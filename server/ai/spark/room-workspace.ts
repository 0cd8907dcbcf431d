/**
 * The room's files and recent edits as completion context. File texts are cached and dropped per file
 * when it changes, so a completion does not re-serialise every Y.Text; recent edits are the lines around
 * the last few changes, which tell a model what the people in the room are doing right now.
 *
 * The snippet index catches up with changed files in slices of a few milliseconds: a little before each
 * question, the rest in the background between other work, so neither a first question in a room at the
 * document limit nor typing in a large file holds the event loop. A file being typed in is re-indexed
 * once it has been quiet for a moment (its fresh lines reach the prompt as recent edits meanwhile).
 */
import * as Y from 'yjs';
import { filesOf } from '../../../lib/shared/document/doc-model';
import type { WorkspaceView } from '../routing/context';
import { SnippetIndex } from '../routing/snippet-index';
import type { SnippetSource } from '../routing/snippets';
import type { ContextSnippet } from '../tiers/model-tier';

const RECENT_EDITS = 6;
const LINES_AROUND = 2;
/** Indexing done before a question, and in each background turn. */
const INDEX_SLICE_MS = 3;
/** A changed file waits this long without further changes before it is re-indexed. */
const QUIET_MS = 300;

export class RoomWorkspace implements WorkspaceView {
  private readonly texts = new Map<string, string>();
  private readonly recent: Array<{ path: string; index: number }> = [];
  private readonly map: Y.Map<Y.Text>;
  /** Windows of every file by identifier, kept current by `catchUp`. */
  readonly index = new SnippetIndex();
  /** Files to (re)index, with when they last changed. */
  private readonly stale = new Map<string, number>();
  private indexing: { path: string; step: (deadline: number) => boolean } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private idle: Array<() => void> = [];
  private destroyed = false;

  constructor(doc: Y.Doc) {
    this.map = filesOf(doc);
    this.map.observeDeep(this.onChange);
    this.map.forEach((_, path) => this.stale.set(path, 0));
    this.schedule(0);
  }

  relatedSnippets(prefix: string, excludePath: string, withRecentEdits: boolean, maxChars: number): ContextSnippet[] {
    const now = performance.now();
    this.catchUp(now + INDEX_SLICE_MS, now - QUIET_MS);
    const snippets = this.index.related(prefix, excludePath, withRecentEdits ? this.recentEdits(excludePath) : [], maxChars);
    // A file deleted since it was indexed is left out until its windows are removed.
    return snippets.filter((s) => this.map.get(s.path) instanceof Y.Text);
  }

  /** Resolves once every change so far is in the index (for tests and the benchmark). */
  settled(): Promise<void> {
    if (!this.hasWork()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Indexes changed files until `deadline`; true when work is left. */
  private catchUp(deadline: number, quietBefore: number): boolean {
    while (performance.now() <= deadline) {
      if (!this.indexing) {
        const next = this.nextStale(quietBefore);
        if (next === null) break;
        this.stale.delete(next);
        const text = this.map.get(next);
        if (!(text instanceof Y.Text)) {
          this.index.remove(next);
          continue;
        }
        this.indexing = { path: next, step: this.index.begin(next, this.textOf(next, text)) };
      }
      if (this.indexing.step(deadline)) return true;
      this.indexing = null;
    }
    return this.hasWork();
  }

  /** A stale file not changed since `quietBefore`. */
  private nextStale(quietBefore: number): string | null {
    for (const [path, changedAt] of this.stale) if (changedAt <= quietBefore) return path;
    return null;
  }

  private hasWork(): boolean {
    return this.indexing !== null || this.stale.size > 0;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.destroyed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const now = performance.now();
      this.catchUp(now + INDEX_SLICE_MS, now - QUIET_MS);
      if (this.hasWork()) return this.schedule(this.indexing || this.nextStale(now - QUIET_MS) !== null ? 0 : QUIET_MS);
      for (const resolve of this.idle.splice(0)) resolve();
    }, delayMs);
    this.timer.unref?.();
  }

  private textOf(path: string, text: Y.Text): string {
    let cached = this.texts.get(path);
    if (cached === undefined) {
      cached = text.toString();
      this.texts.set(path, cached);
    }
    return cached;
  }

  files(): SnippetSource[] {
    const out: SnippetSource[] = [];
    this.map.forEach((text, path) => {
      if (text instanceof Y.Text) out.push({ path, text: this.textOf(path, text) });
    });
    return out;
  }

  recentEdits(excludePath: string): SnippetSource[] {
    const out: SnippetSource[] = [];
    for (const { path, index } of this.recent) {
      if (path === excludePath) continue;
      const text = this.map.get(path);
      if (!(text instanceof Y.Text)) continue;
      out.push({ path, text: linesAround(this.textOf(path, text), index, LINES_AROUND) });
    }
    return out;
  }

  destroy(): void {
    this.destroyed = true;
    if (this.timer) clearTimeout(this.timer);
    this.map.unobserveDeep(this.onChange);
  }

  private readonly onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    for (const event of events) {
      if (event.target === this.map) {
        for (const key of (event as Y.YMapEvent<Y.Text>).keysChanged) {
          this.texts.delete(key);
          this.stale.set(key, performance.now());
        }
        this.schedule(0);
        continue;
      }
      const path = [...this.map.entries()].find(([, t]) => t === event.target)?.[0];
      if (!path) continue;
      this.texts.delete(path);
      this.stale.set(path, performance.now());
      this.schedule(QUIET_MS);
      let index = 0;
      for (const op of (event as Y.YTextEvent).delta) {
        if (op.retain) index += op.retain;
        else break;
      }
      const existing = this.recent.findIndex((r) => r.path === path && Math.abs(r.index - index) < 200);
      if (existing !== -1) this.recent.splice(existing, 1);
      this.recent.push({ path, index });
      if (this.recent.length > RECENT_EDITS) this.recent.shift();
    }
  };
}

/** The line holding `index` and `around` lines either side, found from `index` outwards (not by splitting the file). */
export function linesAround(content: string, index: number, around: number): string {
  const at = Math.min(index, content.length);
  // lastIndexOf treats a negative position as 0, which would find a newline at 0: guard both steps.
  let start = at > 0 ? content.lastIndexOf('\n', at - 1) + 1 : 0;
  for (let i = 0; i < around && start > 0; i++) start = start >= 2 ? content.lastIndexOf('\n', start - 2) + 1 : 0;
  let end = content.indexOf('\n', at);
  for (let i = 0; i < around && end !== -1; i++) end = content.indexOf('\n', end + 1);
  return content.slice(start, end === -1 ? content.length : end);
}
