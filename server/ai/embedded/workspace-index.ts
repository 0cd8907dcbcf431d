/**
 * One room's files as the embedded engine sees them: the texts (kept current from text deltas) and one
 * token index per file, rebuilt lazily for a file that changed and only for it. Each room has its own, so
 * two busy rooms never re-tokenise each other's files, and an edit in one file never re-indexes the rest.
 */
import { applyDelta, type TextDelta } from './text-delta';
import { TokenIndex } from './token-index';
import type { Vocabulary } from './tokens';

interface WorkspaceFile {
  text: string;
  /** Bumped on every change; the language service reads it as the script version. */
  version: number;
  index: TokenIndex | null;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, WorkspaceFile>();

  constructor(private readonly vocab: Vocabulary) {}

  set(path: string, text: string): void {
    const previous = this.files.get(path);
    this.files.set(path, { text, version: (previous?.version ?? 0) + 1, index: null });
  }

  apply(path: string, delta: TextDelta): void {
    const file = this.files.get(path);
    if (!file) return;
    file.text = applyDelta(file.text, delta);
    file.version++;
    file.index = null;
  }

  remove(path: string): void {
    this.files.delete(path);
  }

  text(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  version(path: string): number {
    return this.files.get(path)?.version ?? 0;
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  get size(): number {
    return this.files.size;
  }

  /** The token indexes of every file except `exclude` (whose current text comes with the request). */
  indexesExcluding(exclude: string): TokenIndex[] {
    const out: TokenIndex[] = [];
    for (const [path, file] of this.files) {
      if (path === exclude) continue;
      if (!file.index) {
        const ids = this.vocab.encode(file.text);
        // About one hash bucket per token keeps collision chains short at every file size.
        const bits = Math.min(16, Math.max(10, Math.ceil(Math.log2(ids.length + 1))));
        file.index = new TokenIndex(ids.length + 2, bits);
        file.index.add(ids);
      }
      out.push(file.index);
    }
    return out;
  }
}
