/**
 * Code tokens for the embedded engine. Whitespace is kept as tokens (a newline carries its indentation) so
 * a sequence of tokens joins back into exactly the text it came from, and predicted tokens are text.
 */

// Longest operators first; a newline token swallows the indentation after it.
const TOKEN = /\n[ \t]*|[ \t]+|[A-Za-z_$][\w$]*|\d[\w.]*|=>|===|!==|==|!=|<=|>=|&&|\|\||\?\?|\?\.|\.\.\.|\+\+|--|\/\/|\/\*|\*\/|[^\s\w]/g;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Token strings interned as small integers, and back. */
export interface TokenTable {
  /** The token's id, assigning one if it is new. */
  id(token: string): number;
  /** -1 for a token never seen: it cannot match anything. */
  lookup(token: string): number;
  text(id: number): string;
  encode(text: string): number[];
}

/**
 * Interns token strings from `firstId` up, on top of an optional base table whose ids it reuses. The
 * corpus has the table with no base; each room has a layer over it and each prompt a layer over its
 * room's, so tokens only a room or a prompt uses are dropped with it and the shared table never grows
 * past the corpus. Ranges are disjoint, so a base that still grows (the corpus loading) never collides.
 */
export class Vocabulary implements TokenTable {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];

  constructor(
    private readonly base: TokenTable | null = null,
    private readonly firstId = 0,
  ) {}

  id(token: string): number {
    let id = this.lookup(token);
    if (id === -1) {
      id = this.firstId + this.strings.length;
      this.ids.set(token, id);
      this.strings.push(token);
    }
    return id;
  }

  lookup(token: string): number {
    const inBase = this.base?.lookup(token) ?? -1;
    return inBase !== -1 ? inBase : (this.ids.get(token) ?? -1);
  }

  text(id: number): string {
    return id >= this.firstId ? (this.strings[id - this.firstId] ?? '') : (this.base?.text(id) ?? '');
  }

  /** Tokens this table itself holds (not its base's). */
  get size(): number {
    return this.strings.length;
  }

  encode(text: string): number[] {
    return tokenize(text).map((t) => this.id(t));
  }
}

/** Where the ids of a room's own tokens and of a prompt's own tokens start (an Int32Array holds both). */
export const ROOM_TOKEN_IDS = 2 ** 29;
export const PROMPT_TOKEN_IDS = 2 ** 30;

/** Separates documents inside one index so no context spans two files. */
export const DOCUMENT_BREAK = -1;
