/**
 * Code tokens for the embedded engine. Whitespace is kept as tokens (a newline carries its indentation) so
 * a sequence of tokens joins back into exactly the text it came from, and predicted tokens are text.
 */

// Longest operators first; a newline token swallows the indentation after it.
const TOKEN = /\n[ \t]*|[ \t]+|[A-Za-z_$][\w$]*|\d[\w.]*|=>|===|!==|==|!=|<=|>=|&&|\|\||\?\?|\?\.|\.\.\.|\+\+|--|\/\/|\/\*|\*\/|[^\s\w]/g;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Interns token strings as small integers shared by the corpus and the workspace. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];

  id(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(token, id);
      this.strings.push(token);
    }
    return id;
  }

  /** -1 for a token never seen: it cannot match anything. */
  lookup(token: string): number {
    return this.ids.get(token) ?? -1;
  }

  text(id: number): string {
    return this.strings[id] ?? '';
  }

  get size(): number {
    return this.strings.length;
  }

  encode(text: string): number[] {
    return tokenize(text).map((t) => this.id(t));
  }
}

/** Separates documents inside one index so no context spans two files. */
export const DOCUMENT_BREAK = -1;
