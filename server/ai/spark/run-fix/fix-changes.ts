/**
 * The model's fix as changes to the workspace. The model writes search/replace blocks, each under the
 * path of its file, so it writes only what changes; a block applies only where its search text occurs
 * exactly once in the file as it is now, and one that does not is reported by file, never guessed.
 */
import type { FileChange } from '../file-change';

/** How the model is told to write a fix. */
export const FIX_FORMAT = [
  'Answer with one or two sentences on the cause, then the fix as search/replace blocks, one per place:',
  'path/of/the/file.ts',
  '<<<<<<< SEARCH',
  'the exact lines as they are now',
  '=======',
  'the lines that replace them',
  '>>>>>>> REPLACE',
  'Copy the search lines exactly, with enough of them to be unique in the file. To create a file, leave SEARCH empty.',
].join('\n');

const BLOCK = /(?:^|\n)([^\n]*)\n<{7} SEARCH\n([\s\S]*?)\n?={7}\n([\s\S]*?)\n?>{7} REPLACE/g;

export interface PlannedFix {
  changes: FileChange[];
  /** Blocks that could not be applied, by file and why. */
  problems: string[];
  /** What the model said outside its blocks: the cause, as the room reads it. */
  explanation: string;
}

/** The blocks of `reply` planned against the files as `read` gives them (null: no such file). */
export function planFix(reply: string, read: (path: string) => string | null): PlannedFix {
  const changes: FileChange[] = [];
  const problems: string[] = [];
  for (const match of reply.matchAll(BLOCK)) {
    const file = match[1]!.trim().replace(/^[`*#\s]+|[`*\s:]+$/g, '');
    const search = match[2]!;
    const replace = match[3]!;
    const text = read(file);
    if (text === null) {
      if (search.trim() === '' && file !== '') changes.push({ kind: 'create', file, text: replace.endsWith('\n') ? replace : `${replace}\n` });
      else problems.push(`${file || 'a block'}: there is no such file`);
      continue;
    }
    const at = text.indexOf(search);
    if (search === '' || at === -1) {
      problems.push(`${file}: the lines to replace are not in the file as it is now`);
      continue;
    }
    if (text.indexOf(search, at + 1) !== -1) {
      problems.push(`${file}: the lines to replace occur more than once`);
      continue;
    }
    changes.push({ kind: 'replace', file, from: at, to: at + search.length, text: replace });
  }
  const explanation = reply.replace(BLOCK, '').replace(/```[a-z]*\n?/g, '').trim();
  return { changes: withoutOverlaps(changes, problems), problems, explanation };
}

/** Two blocks over the same text cannot both apply: the later one is reported. */
function withoutOverlaps(changes: FileChange[], problems: string[]): FileChange[] {
  const kept: FileChange[] = [];
  for (const change of changes) {
    const clash = change.kind === 'replace' && kept.some((k) => k.kind === 'replace' && k.file === change.file && k.from < change.to && change.from < k.to);
    if (clash) problems.push(`${change.file}: two blocks change the same lines`);
    else kept.push(change);
  }
  return kept;
}
