// server/ai/spark/blocks/: search/replace blocks, the format in which a model edits several places of
// several files: the streaming parser (this file), the planner that finds each block in the room's files,
// and the prompt that asks for them.
/**
 * Reads a model's answer written as search/replace blocks while it streams:
 *
 *     src/app.ts
 *     ```ts
 *     <<<<<<< SEARCH
 *     old lines, exactly as they are
 *     =======
 *     new lines
 *     >>>>>>> REPLACE
 *     ```
 *
 * An empty SEARCH creates the file. The path is the last line of prose before a block (fences, bullets,
 * backticks and a trailing colon are stripped); a block with none edits the file of the block before it.
 * Everything outside blocks (chatter, fences) is ignored. Chunks may split anywhere, even inside a marker:
 * only whole lines are taken as markers, and the growing REPLACE text holds back a partial line that could
 * still turn out to be the closing marker.
 *
 * Bounded: at most `maxBlocks` blocks, `maxBlockChars` of one SEARCH or REPLACE (past it the text is no
 * longer kept and the block is reported), and a line of chatter is dropped once it outgrows a path.
 */
import { MAX_PATH_LENGTH } from '../../../../lib/shared/document/doc-model';
import type { BlockProblem } from '../../../../lib/shared/protocol/ai';

/** One whole block as the model wrote it. `block` is its place among the blocks of its file, from 1. */
export interface EditBlock {
  file: string;
  block: number;
  search: string;
  replace: string;
}

export type BlockEvent =
  /** A block began; its SEARCH text follows. */
  | { type: 'open'; file: string; block: number }
  /** The block's SEARCH text is complete: where it applies can be decided now. */
  | { type: 'search'; file: string; block: number; search: string }
  /** The REPLACE text so far (whole, not a delta), each time it grows. */
  | { type: 'replace'; file: string; block: number; replace: string }
  /** The block ended with its closing marker. */
  | { type: 'close'; edit: EditBlock }
  /** The block cannot be applied; nothing more comes for it. */
  | { type: 'invalid'; file: string; block: number; reason: BlockProblem; message: string };

export interface BlockParserLimits {
  maxBlocks: number;
  maxBlockChars: number;
}

const SEARCH_MARKER = /^\s*<{5,9} ?SEARCH\s*$/;
const DIVIDER = /^\s*={5,9}\s*$/;
const REPLACE_MARKER = /^\s*>{5,9} ?REPLACE\s*$/;
const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;
/** Chatter longer than this cannot be a path line; the parser stops keeping it. */
const MAX_PROSE_LINE = MAX_PATH_LENGTH * 4;

type Open = { file: string; block: number; lines: string[]; chars: number; skip: boolean };
type State = { kind: 'outside' } | ({ kind: 'search' } & Open) | ({ kind: 'replace'; search: string } & Open);

export class BlockParser {
  private state: State = { kind: 'outside' };
  private partial = '';
  /** The partial line outgrew what a marker or path can be: the rest of it is dropped. */
  private dropping = false;
  /** The last prose line since the previous block: the next block's path. */
  private pathLine: string | null = null;
  private lastFile: string | null = null;
  private blocks = 0;
  private readonly perFile = new Map<string, number>();
  /** Length of the REPLACE text last reported, so a chunk that adds nothing visible reports nothing. */
  private reported = -1;

  constructor(private readonly limits: BlockParserLimits) {}

  /** Takes the next chunk of the answer; the events it completes, in order. */
  push(chunk: string): BlockEvent[] {
    const out: BlockEvent[] = [];
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      this.append(chunk.slice(start, nl));
      this.line(this.partial, out);
      this.partial = '';
      this.dropping = false;
      start = nl + 1;
    }
    this.append(chunk.slice(start));
    this.growReplace(out);
    return out;
  }

  /** The answer ended: a final line without a newline is taken, and a block still open is reported. */
  end(): BlockEvent[] {
    const out: BlockEvent[] = [];
    if (this.partial) this.line(this.partial, out);
    this.partial = '';
    const state = this.state;
    if (state.kind !== 'outside') {
      this.state = { kind: 'outside' };
      if (!state.skip) this.report(out, state, 'UNTERMINATED', `The answer ended inside ${state.file} block ${state.block}.`);
    }
    return out;
  }

  private append(text: string): void {
    if (this.dropping || !text) return;
    const room = this.state.kind === 'outside' ? MAX_PROSE_LINE : this.limits.maxBlockChars + 1;
    this.partial += text;
    if (this.partial.length > room) {
      this.partial = this.partial.slice(0, room);
      this.dropping = true;
    }
  }

  private line(line: string, out: BlockEvent[]): void {
    const state = this.state;
    switch (state.kind) {
      case 'outside':
        if (SEARCH_MARKER.test(line)) return this.open(out);
        if (!this.dropping) this.prose(line);
        return;
      case 'search':
        if (DIVIDER.test(line)) {
          const search = joinLines(state.lines);
          this.state = { ...state, kind: 'replace', search, lines: [], chars: 0 };
          this.reported = -1;
          if (!state.skip) out.push({ type: 'search', file: state.file, block: state.block, search });
          return;
        }
        return this.keep(state, line, out);
      case 'replace':
        if (REPLACE_MARKER.test(line)) {
          this.state = { kind: 'outside' };
          if (state.skip) return;
          const replace = joinLines(state.lines);
          if (replace.length !== this.reported) out.push({ type: 'replace', file: state.file, block: state.block, replace });
          out.push({ type: 'close', edit: { file: state.file, block: state.block, search: state.search, replace } });
          return;
        }
        return this.keep(state, line, out);
    }
  }

  private open(out: BlockEvent[]): void {
    const file = this.pathLine ?? this.lastFile ?? '';
    this.pathLine = null;
    this.lastFile = file;
    const block = (this.perFile.get(file) ?? 0) + 1;
    this.perFile.set(file, block);
    this.blocks++;
    const state: State = { kind: 'search', file, block, lines: [], chars: 0, skip: false };
    this.state = state;
    if (!file) return this.report(out, state, 'NO_PATH', 'A block came before any file was named.');
    if (this.blocks > this.limits.maxBlocks) {
      return this.report(out, state, 'TOO_MANY_BLOCKS', `${file} block ${block} is past the ${this.limits.maxBlocks} blocks one edit may carry.`);
    }
    out.push({ type: 'open', file, block });
  }

  /** Reports a block once; its text is still read, to find its end, but no longer kept. */
  private report(out: BlockEvent[], state: Open, reason: BlockProblem, message: string): void {
    state.skip = true;
    state.lines = [];
    out.push({ type: 'invalid', file: state.file, block: state.block, reason, message });
  }

  private keep(state: Open, line: string, out: BlockEvent[]): void {
    if (state.skip) return;
    state.chars += line.length + 1;
    if (state.chars > this.limits.maxBlockChars) {
      const message = `${state.file} block ${state.block} is longer than the ${this.limits.maxBlockChars} characters a block may hold.`;
      return this.report(out, state, 'TOO_LARGE', message);
    }
    state.lines.push(line);
  }

  /** A REPLACE text grew by a partial line that cannot be the closing marker: report it at once. */
  private growReplace(out: BlockEvent[]): void {
    const state = this.state;
    if (state.kind !== 'replace' || state.skip) return;
    const held = this.dropping || this.partial.trimStart().startsWith('>');
    const partial = held ? '' : this.partial;
    if (state.chars + partial.length > this.limits.maxBlockChars) return;
    const replace = joinLines(state.lines) + partial;
    if (replace.length === this.reported) return;
    this.reported = replace.length;
    out.push({ type: 'replace', file: state.file, block: state.block, replace });
  }

  /** Prose between blocks: its last line names the next block's file. */
  private prose(line: string): void {
    const fence = FENCE.exec(line);
    // A fence's info string is a path only when it looks like one (```src/app.ts, not ```ts).
    if (fence) {
      const info = fence[2]!.trim();
      if (/[./]/.test(info)) this.pathLine = cleanPath(info);
      return;
    }
    const path = cleanPath(line);
    if (path) this.pathLine = path;
  }
}

/** Lines back to text: every line the model wrote ended with a newline. */
function joinLines(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** The path in a prose line, without markdown around it (`**src/app.ts**`, `` `src/app.ts`: ``, `### src/app.ts`). */
export function cleanPath(line: string): string {
  return line
    .trim()
    .replace(/^(#+|[-*+]|\d+\.)\s+/, '')
    .replace(/^(file|path)\s*:\s*/i, '')
    .replace(/^[*_`'"]+|[*_`'"]+$/g, '')
    .replace(/:$/, '')
    .replace(/^[*_`'"]+|[*_`'"]+$/g, '')
    .trim();
}

/** A whole answer at once (a chat reply, a finished stream): its complete blocks and the ones reported. */
export function parseBlocks(answer: string, limits: BlockParserLimits): { blocks: EditBlock[]; invalid: Array<Extract<BlockEvent, { type: 'invalid' }>> } {
  const parser = new BlockParser(limits);
  const events = [...parser.push(answer), ...parser.end()];
  return {
    blocks: events.flatMap((e) => (e.type === 'close' ? [e.edit] : [])),
    invalid: events.flatMap((e) => (e.type === 'invalid' ? [e] : [])),
  };
}
