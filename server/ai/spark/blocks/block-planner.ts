/**
 * Where each search/replace block applies, decided exactly: its SEARCH text must occur once in the file as
 * it is. Missing, repeated, overlapping an earlier block's change, or naming a file that cannot be: the
 * block is stale, with a reason a person can read, and nothing of it is applied. No fuzzy matching: a
 * guess that lands in the wrong place is worse than a block reported.
 *
 * Offsets are over the file's text as given (before any block of the answer is applied), as FileChange
 * promises; several blocks of one file are located independently and must not overlap.
 */
import { FILE_ERROR_MESSAGES, validatePath } from '../../../../lib/shared/document/doc-model';
import type { StaleBlock } from '../../../../lib/shared/protocol/ai';
import type { FileChange } from '../file-change';
import type { EditBlock } from './block-parser';

/** Where a block's SEARCH text sits in its file, or why it does not. */
export type BlockTarget =
  | { kind: 'replace'; file: string; from: number; to: number }
  | { kind: 'create'; file: string }
  | { kind: 'stale'; stale: StaleBlock };

/** A span an earlier block of the same answer changes, in the same offsets. */
export interface Claimed {
  from: number;
  to: number;
}

/**
 * Locates one block's SEARCH text in `text` (undefined: no such file), keeping clear of `claimed` spans.
 * Takes the block as soon as its SEARCH is known, so a streaming edit can decide before REPLACE arrives.
 */
export function locateBlock(
  block: Pick<EditBlock, 'file' | 'block' | 'search'>,
  text: string | undefined,
  claimed: readonly Claimed[] = [],
): BlockTarget {
  const { file, search } = block;
  const stale = (reason: StaleBlock['reason'], message: string): BlockTarget => ({ kind: 'stale', stale: { file, block: block.block, reason, message } });
  const name = `${file} block ${block.block}`;
  const valid = validatePath(file);
  if (!valid.ok || valid.value !== file) {
    return stale('BAD_FILE_NAME', `${name}: ${valid.ok ? 'a path cannot start or end with spaces.' : FILE_ERROR_MESSAGES[valid.reason]}`);
  }
  if (search === '') {
    // Creating a file that exists but is empty is the same as writing it.
    if (text === undefined) return { kind: 'create', file };
    if (text === '') return { kind: 'replace', file, from: 0, to: 0 };
    return stale('FILE_EXISTS', `${name} creates ${file}, which already exists.`);
  }
  if (text === undefined) return stale('NO_SUCH_FILE', `${name} edits ${file}, which does not exist.`);
  const at = occurrences(text, search);
  // The file's last line may lack the newline every SEARCH line ends with.
  if (at.length === 0 && search.endsWith('\n') && text.endsWith(search.slice(0, -1))) {
    const from = text.length - search.length + 1;
    if (occurrences(text, search.slice(0, -1)).length === 1) at.push(from);
  }
  if (at.length === 0) return stale('NOT_FOUND', `${name}: its SEARCH text is not in ${file} (the file changed, or it was misquoted).`);
  if (at.length > 1) return stale('AMBIGUOUS', `${name}: its SEARCH text occurs ${at.length} times in ${file}; it must occur once.`);
  const from = at[0]!;
  const to = Math.min(text.length, from + search.length);
  if (claimed.some((c) => from < c.to && c.from < to)) {
    return stale('OVERLAPS', `${name} changes text an earlier block of ${file} already changes.`);
  }
  return { kind: 'replace', file, from, to };
}

export interface BlockPlan {
  changes: FileChange[];
  stale: StaleBlock[];
}

/**
 * Plans whole blocks against the files as they are now (`fileText(path)` undefined: no such file): each
 * applicable block becomes one FileChange, in the order the model wrote them; the rest are stale. A file
 * the answer creates is written by its creating block alone: a later block of that file is stale.
 */
export function planBlocks(blocks: readonly EditBlock[], fileText: (path: string) => string | undefined): BlockPlan {
  const changes: FileChange[] = [];
  const stale: StaleBlock[] = [];
  const claimed = new Map<string, Claimed[]>();
  const created = new Set<string>();
  for (const block of blocks) {
    const label = `${block.file} block ${block.block}`;
    if (created.has(block.file)) {
      const message = `${label} changes ${block.file}, which an earlier block of this answer creates; the file's text belongs in that block.`;
      stale.push({ file: block.file, block: block.block, reason: block.search === '' ? 'FILE_EXISTS' : 'OVERLAPS', message });
      continue;
    }
    const target = locateBlock(block, fileText(block.file), claimed.get(block.file));
    switch (target.kind) {
      case 'stale':
        stale.push(target.stale);
        break;
      case 'create':
        created.add(block.file);
        changes.push({ kind: 'create', file: block.file, text: block.replace, label });
        break;
      case 'replace': {
        const spans = claimed.get(block.file) ?? [];
        spans.push({ from: target.from, to: target.to });
        claimed.set(block.file, spans);
        changes.push({ kind: 'replace', file: block.file, from: target.from, to: target.to, text: block.replace, label });
        break;
      }
    }
  }
  return { changes, stale };
}

/** Every offset where `needle` starts in `text` (overlapping ones too: each is a different place). */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}
