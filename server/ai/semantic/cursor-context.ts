/**
 * Where the cursor is, read from the text before it alone, so the main thread can tell at once whether the
 * language service has anything to add. Patterns are blind where the right text depends on types and
 * scope: a member after `.`, an identifier being typed, the first argument of a call.
 */

/** The files the language service understands; other languages keep the n-gram engine alone. */
const SCRIPT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;

export function isScriptPath(file: string): boolean {
  return SCRIPT.test(file);
}

export type CursorKind = 'member' | 'scope' | 'argument' | 'none';

export interface CursorContext {
  kind: CursorKind;
  /** The identifier characters typed so far at the cursor ('' right after `.` or `(`). */
  partial: string;
}

const PARTIAL = /[A-Za-z_$][\w$]*$/;
/** A line comment, or a line of a block comment (JSDoc's `{Type}` tags name types, not the code's names). */
const COMMENT_LINE = /^\s*(\/\*|\*)|\/\//;

export function cursorContext(prefix: string): CursorContext {
  const partial = PARTIAL.exec(prefix)?.[0] ?? '';
  if (COMMENT_LINE.test(prefix.slice(prefix.lastIndexOf('\n') + 1))) return { kind: 'none', partial };
  const before = prefix.slice(0, prefix.length - partial.length);
  const last = before.at(-1) ?? '';
  // An identifier glued to a digit or a word character is part of a number or was cut mid-word.
  if (/[\w$]/.test(last)) return { kind: 'none', partial };
  if (last === '.') {
    // `a.b.` and `f().` and `x[0].` are member accesses; `1.` is a number and `...` a spread.
    const owner = before.at(-2) ?? '';
    if (/[\w$)\]]/.test(owner) && !/(^|[^\w$.])\d+\.$/.test(before) && !before.endsWith('..')) return { kind: 'member', partial };
    return { kind: 'none', partial };
  }
  if (partial) return { kind: 'scope', partial };
  if (/[\w$)\]]\(\s*$/.test(before)) return { kind: 'argument', partial };
  return { kind: 'none', partial };
}

/**
 * Stands in for the first character of a name not typed yet: the names the service allows at a position
 * do not depend on what part of the name is typed (semantic-view.ts, narrowed), so any one gives the list.
 */
export const NAME_START = '_';

/** The next key may begin a name the service can judge: the cursor is in no name, comment or number. */
export function nameMayStart(prefix: string): boolean {
  return cursorContext(prefix + NAME_START).kind === 'scope';
}
