/**
 * Cleans a completion while it streams: single line when the cursor is mid-line; stop at the end of the
 * block; only close brackets the suggestion opened (or that are open on the cursor's line with nothing
 * after the cursor closing them — the editor's auto-closed `)` must not be doubled); drop text that
 * repeats what is already after the cursor; stop at a repeated line. The first line streams character by character; later lines are released
 * whole, because whether to keep a line can only be decided once it is complete.
 */

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const QUOTES = new Set(['"', "'", '`']);

export interface FilterResult {
  /** Text to show now. */
  text: string;
  /** True when the rest of the model's output is not wanted: stop reading (and close the upstream). */
  stop: boolean;
}

function leadingIndent(line: string): number {
  return /^[ \t]*/.exec(line)![0].length;
}

export class CompletionFilter {
  private readonly multiline: boolean;
  /** The rest of the cursor's line: a single-line suggestion must not end by repeating it. */
  private readonly lineRest: string;
  /** The next non-empty line below the cursor, trimmed: a suggestion line equal to it is a repeat. */
  private readonly lineBelow: string;
  private readonly baseIndent: number;
  private stack: string[] = [];
  private quote: string | null = null;
  private accepted = '';
  private firstLine = '';
  private pendingLine = '';
  private lines: string[] = [];
  private stopped = false;

  /** Brackets left open on the cursor's line that nothing after the cursor closes: the suggestion may close them. */
  private readonly outer: string[];

  constructor(prefix: string, suffix: string, multiline: boolean) {
    this.multiline = multiline;
    const lineEnd = suffix.indexOf('\n');
    this.lineRest = (lineEnd === -1 ? suffix : suffix.slice(0, lineEnd)).trimEnd();
    this.outer = unclosedOnLine(prefix.slice(prefix.lastIndexOf('\n') + 1), this.lineRest);
    const below = (lineEnd === -1 ? '' : suffix.slice(lineEnd + 1)).split('\n').find((l) => l.trim() !== '');
    this.lineBelow = below?.trim() ?? '';
    this.baseIndent = leadingIndent(prefix.slice(prefix.lastIndexOf('\n') + 1));
  }

  get text(): string {
    return this.accepted;
  }

  push(chunk: string): FilterResult {
    let out = '';
    for (const ch of chunk) {
      if (this.stopped) break;
      out += this.pushChar(ch);
    }
    return { text: out, stop: this.stopped };
  }

  /** The model finished: release the held line and trim a tail that repeats the line's rest. */
  end(): string {
    if (this.stopped) return '';
    this.stopped = true;
    if (this.lines.length === 0) return this.releaseFirstLine(true);
    let out = '';
    if (this.pendingLine.trim() && this.keepLine(this.pendingLine)) out += this.pendingLine;
    this.accepted += out;
    return out;
  }

  private pushChar(ch: string): string {
    if (ch === '\n') return this.newline();
    if (!this.trackBrackets(ch)) {
      this.stopped = true;
      return this.lines.length === 0 ? this.releaseFirstLine(true) : '';
    }
    if (this.lines.length === 0) {
      this.firstLine += ch;
      return this.releaseFirstLine(false);
    }
    this.pendingLine += ch;
    return '';
  }

  /**
   * Shows the first line except a tail that may turn out to repeat the rest of the cursor's line (the
   * `);` already after the cursor); once the line is complete, a repeated tail is dropped.
   */
  private releaseFirstLine(complete: boolean): string {
    let visible = this.firstLine;
    const rest = this.lineRest.trim();
    if (rest) {
      if (complete) {
        if (visible.trimEnd().endsWith(rest)) visible = visible.trimEnd().slice(0, visible.trimEnd().length - rest.length);
      } else {
        for (let n = Math.min(rest.length, visible.length); n > 0; n--) {
          if (visible.endsWith(rest.slice(0, n))) {
            visible = visible.slice(0, visible.length - n);
            break;
          }
        }
      }
    }
    const out = visible.slice(this.accepted.length);
    if (visible.length > this.accepted.length) this.accepted = visible;
    return out;
  }

  private newline(): string {
    if (this.lines.length === 0) {
      const out = this.releaseFirstLine(true);
      if (!this.multiline) {
        this.stopped = true;
        return out;
      }
      this.lines.push(this.accepted);
      // A block the suggestion opened and closed on its first line is complete.
      if (this.accepted.trim() && this.stack.length === 0 && /[}\]);]\s*$/.test(this.accepted) && /[{[(]/.test(this.accepted)) {
        this.stopped = true;
        return out;
      }
      this.pendingLine = '\n';
      return out;
    }
    const line = this.pendingLine;
    if (!this.keepLine(line)) {
      this.stopped = true;
      return '';
    }
    this.lines.push(line);
    this.accepted += line;
    this.pendingLine = '\n';
    // The block the suggestion opened has closed: that is the natural end.
    if (this.stack.length === 0 && /^\s*[}\])]/.test(line.slice(1))) this.stopped = true;
    return line;
  }

  /** `line` starts with its '\n'. */
  private keepLine(line: string): boolean {
    const body = line.slice(1);
    const trimmed = body.trim();
    if (trimmed === '') return true;
    if (this.lineBelow && trimmed === this.lineBelow) return false;
    if (this.lines.length > 0 && trimmed.length > 3 && this.lines[this.lines.length - 1]!.trim() === trimmed) return false;
    // Dedenting below where the suggestion started means it left the block it was written in.
    if (leadingIndent(body) < this.baseIndent && !/^\s*[}\])]/.test(body)) return false;
    return true;
  }

  /** False when `ch` closes a bracket the suggestion did not open. */
  private trackBrackets(ch: string): boolean {
    if (this.quote) {
      if (ch === this.quote) this.quote = null;
      return true;
    }
    if (QUOTES.has(ch)) {
      this.quote = ch;
      return true;
    }
    if (ch === '(' || ch === '[' || ch === '{') this.stack.push(ch);
    const opener = PAIRS[ch];
    if (opener) {
      if (this.stack.length === 0 && this.outer.at(-1) === opener) {
        this.outer.pop();
        return true;
      }
      if (this.stack[this.stack.length - 1] !== opener) return false;
      this.stack.pop();
    }
    return true;
  }
}

/** Openers on `lineBefore` not closed on it, minus those the rest of the line (`lineAfter`) closes. */
function unclosedOnLine(lineBefore: string, lineAfter: string): string[] {
  const open: string[] = [];
  let quote: string | null = null;
  for (const ch of lineBefore) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (QUOTES.has(ch)) quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') open.push(ch);
    else if (PAIRS[ch] && open.at(-1) === PAIRS[ch]) open.pop();
  }
  for (const ch of lineAfter) if (PAIRS[ch] && open.at(-1) === PAIRS[ch]) open.pop();
  return open;
}
