/**
 * One room's files as the embedded engine sees them: the texts (kept current from text deltas) and one
 * token index per file, rebuilt lazily for a file that changed and only for it. Each room has its own, so
 * two busy rooms never re-tokenise each other's files, and an edit in one file never re-indexes the rest.
 */
import { LineBook } from './line-recall';
import { applyDelta, type TextDelta } from './text-delta';
import { TokenIndex } from './token-index';
import { ROOM_TOKEN_IDS, Vocabulary, type TokenTable } from './tokens';

/**
 * A room's own tokens include those of text since deleted. Past twice the room's live characters (plus
 * slack for small rooms) the table starts afresh and the file indexes rebuild as they are next used, so a
 * room's memory follows its current size, not everything ever typed in it.
 */
const STALE_TOKENS_SLACK = 20_000;

interface WorkspaceFile {
  text: string;
  /** Bumped on every change; the language service reads it as the script version. */
  version: number;
  index: TokenIndex | null;
  lines: LineBook | null;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, WorkspaceFile>();
  private own: Vocabulary;

  constructor(private readonly shared: TokenTable) {
    this.own = new Vocabulary(shared, ROOM_TOKEN_IDS);
  }

  /** The room's token table: the shared one plus the tokens only this room uses. */
  get vocab(): TokenTable {
    return this.own;
  }

  /** Tokens the room's own table holds (for tests and stats). */
  get ownTokens(): number {
    return this.own.size;
  }

  set(path: string, text: string): void {
    const previous = this.files.get(path);
    this.files.set(path, { text, version: (previous?.version ?? 0) + 1, index: null, lines: null });
  }

  apply(path: string, delta: TextDelta): void {
    const file = this.files.get(path);
    if (!file) return;
    file.text = applyDelta(file.text, delta);
    file.version++;
    file.index = null;
    file.lines = null;
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
    this.forgetStaleTokens();
    const out: TokenIndex[] = [];
    for (const [path, file] of this.files) {
      if (path === exclude) continue;
      if (!file.index) {
        const ids = this.own.encode(file.text);
        // About one hash bucket per token keeps collision chains short at every file size.
        const bits = Math.min(16, Math.max(10, Math.ceil(Math.log2(ids.length + 1))));
        file.index = new TokenIndex(ids.length + 2, bits);
        file.index.add(ids);
      }
      out.push(file.index);
    }
    return out;
  }

  /** The line books of every file except `exclude`, built when first asked after a change. */
  linesExcluding(exclude: string): LineBook[] {
    const out: LineBook[] = [];
    for (const [path, file] of this.files) {
      if (path === exclude) continue;
      file.lines ??= LineBook.of(file.text);
      out.push(file.lines);
    }
    return out;
  }

  /** Starts the room's own token table afresh; each file's index is rebuilt when next used. */
  reindex(): void {
    this.own = new Vocabulary(this.shared, ROOM_TOKEN_IDS);
    for (const file of this.files.values()) file.index = null;
  }

  private forgetStaleTokens(): void {
    let liveChars = 0;
    for (const file of this.files.values()) liveChars += file.text.length;
    if (this.own.size > 2 * liveChars + STALE_TOKENS_SLACK) this.reindex();
  }
}
