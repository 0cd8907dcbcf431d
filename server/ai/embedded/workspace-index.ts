/**
 * The session's other files as one token index, rebuilt only when one of them changed. Tokens are cached
 * per file, so a rebuild after an edit in another file costs an index pass, not a re-tokenisation of all.
 */
import { TokenIndex } from './token-index';
import type { Vocabulary } from './tokens';

interface CachedFile {
  text: string;
  ids: number[];
}

export class WorkspaceIndex {
  private readonly files = new Map<string, CachedFile>();
  private index = new TokenIndex(1024, 14);
  private signature = '';

  constructor(private readonly vocab: Vocabulary) {}

  /** The index over `files` except `exclude` (the file being completed, whose text comes with the request). */
  indexFor(files: ReadonlyArray<{ path: string; text: string }>, exclude: string): TokenIndex {
    const kept = files.filter((f) => f.path !== exclude);
    let changed = false;
    for (const file of kept) {
      const cached = this.files.get(file.path);
      if (cached?.text === file.text) continue;
      this.files.set(file.path, { text: file.text, ids: this.vocab.encode(file.text) });
      changed = true;
    }
    const present = new Set(kept.map((f) => f.path));
    for (const path of this.files.keys()) if (!present.has(path)) this.files.delete(path);
    const signature = [...present].sort().join('\0');
    if (changed || signature !== this.signature) {
      const total = kept.reduce((n, f) => n + (this.files.get(f.path)?.ids.length ?? 0), 0);
      const index = new TokenIndex(total + kept.length + 1, 14);
      for (const file of kept) index.add(this.files.get(file.path)!.ids);
      this.index = index;
      this.signature = signature;
    }
    return this.index;
  }
}
