/**
 * The room's files and recent edits as completion context. File texts are cached and dropped per file
 * when it changes, so a completion does not re-serialise every Y.Text; recent edits are the lines around
 * the last few changes, which tell a model what the people in the room are doing right now.
 */
import * as Y from 'yjs';
import { filesOf } from '../../../lib/shared/document/doc-model';
import type { WorkspaceView } from '../routing/context';
import { SnippetIndex } from '../routing/snippet-index';
import type { SnippetSource } from '../routing/snippets';
import type { ContextSnippet } from '../tiers/model-tier';

const RECENT_EDITS = 6;
const LINES_AROUND = 2;

export class RoomWorkspace implements WorkspaceView {
  private readonly texts = new Map<string, string>();
  private readonly recent: Array<{ path: string; index: number }> = [];
  private readonly map: Y.Map<Y.Text>;
  /** Windows of every file by identifier; a changed file is re-indexed at the next question, alone. */
  readonly index = new SnippetIndex();
  private readonly stale = new Set<string>();

  constructor(doc: Y.Doc) {
    this.map = filesOf(doc);
    this.map.observeDeep(this.onChange);
    this.map.forEach((_, path) => this.stale.add(path));
  }

  relatedSnippets(prefix: string, excludePath: string, withRecentEdits: boolean, maxChars: number): ContextSnippet[] {
    for (const path of this.stale) {
      const text = this.map.get(path);
      if (text instanceof Y.Text) this.index.set(path, this.textOf(path, text));
      else this.index.remove(path);
    }
    this.stale.clear();
    return this.index.related(prefix, excludePath, withRecentEdits ? this.recentEdits(excludePath) : [], maxChars);
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
    this.map.unobserveDeep(this.onChange);
  }

  private readonly onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    for (const event of events) {
      if (event.target === this.map) {
        for (const key of (event as Y.YMapEvent<Y.Text>).keysChanged) {
          this.texts.delete(key);
          this.stale.add(key);
        }
        continue;
      }
      const path = [...this.map.entries()].find(([, t]) => t === event.target)?.[0];
      if (!path) continue;
      this.texts.delete(path);
      this.stale.add(path);
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
