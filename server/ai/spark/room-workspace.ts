/**
 * The room's files and recent edits as completion context. File texts are cached and dropped per file
 * when it changes, so a completion does not re-serialise every Y.Text; recent edits are the lines around
 * the last few changes, which tell a model what the people in the room are doing right now.
 */
import * as Y from 'yjs';
import { filesOf } from '../../../lib/shared/document/doc-model';
import type { WorkspaceView } from '../routing/context';
import type { SnippetSource } from '../routing/snippets';

const RECENT_EDITS = 6;
const LINES_AROUND = 2;

export class RoomWorkspace implements WorkspaceView {
  private readonly texts = new Map<string, string>();
  private readonly recent: Array<{ path: string; index: number }> = [];
  private readonly map: Y.Map<Y.Text>;

  constructor(doc: Y.Doc) {
    this.map = filesOf(doc);
    this.map.observeDeep(this.onChange);
  }

  files(): SnippetSource[] {
    const out: SnippetSource[] = [];
    this.map.forEach((text, path) => {
      if (!(text instanceof Y.Text)) return;
      let cached = this.texts.get(path);
      if (cached === undefined) {
        cached = text.toString();
        this.texts.set(path, cached);
      }
      out.push({ path, text: cached });
    });
    return out;
  }

  recentEdits(excludePath: string): SnippetSource[] {
    const out: SnippetSource[] = [];
    for (const { path, index } of this.recent) {
      if (path === excludePath) continue;
      const text = this.map.get(path);
      if (!(text instanceof Y.Text)) continue;
      const content = this.texts.get(path) ?? text.toString();
      const lines = content.split('\n');
      const line = content.slice(0, Math.min(index, content.length)).split('\n').length - 1;
      out.push({ path, text: lines.slice(Math.max(0, line - LINES_AROUND), line + LINES_AROUND + 1).join('\n') });
    }
    return out;
  }

  destroy(): void {
    this.map.unobserveDeep(this.onChange);
  }

  private readonly onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    for (const event of events) {
      if (event.target === this.map) {
        for (const key of (event as Y.YMapEvent<Y.Text>).keysChanged) this.texts.delete(key);
        continue;
      }
      const path = [...this.map.entries()].find(([, t]) => t === event.target)?.[0];
      if (!path) continue;
      this.texts.delete(path);
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
