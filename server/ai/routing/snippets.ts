/**
 * Picks the pieces of the session's other files most related to the code at the cursor, the way Copilot
 * and Continue do: slide a window over each file and score it by the Jaccard similarity of its identifiers
 * with the lines before the cursor. Chosen snippets are returned in a stable order (path, then line), not
 * by score, so the same choice produces the same prompt text and provider prefix caches keep hitting.
 */
import type { ContextSnippet } from '../tiers/model-tier';

const WINDOW_LINES = 12;
const STEP_LINES = 6;
/** Below this the overlap is mostly keywords and common names. */
const MIN_SCORE = 0.12;

/** Keywords every file shares: counting them would make unrelated files look similar. */
const KEYWORDS = new Set(
  'const let var function return export import from this new class extends if else for while true false null undefined async await type interface default def self None True False public private static void'.split(' '),
);

function identifiers(text: string): Set<string> {
  return new Set((text.match(/[A-Za-z_$][\w$]{2,}/g) ?? []).filter((w) => !KEYWORDS.has(w)));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface SnippetSource {
  path: string;
  text: string;
}

interface Scored extends ContextSnippet {
  score: number;
  line: number;
}

/** Up to `maxChars` of the best-matching windows of `files` for the text just before the cursor. */
export function relatedSnippets(
  files: ReadonlyArray<SnippetSource>,
  recentEdits: ReadonlyArray<SnippetSource>,
  prefix: string,
  maxChars: number,
): ContextSnippet[] {
  if (maxChars <= 0) return [];
  const query = identifiers(prefix.split('\n').slice(-WINDOW_LINES).join('\n'));
  const candidates: Scored[] = [];
  for (const file of files) {
    const lines = file.text.split('\n');
    for (let start = 0; start < lines.length; start += STEP_LINES) {
      const text = lines.slice(start, start + WINDOW_LINES).join('\n');
      const score = jaccard(query, identifiers(text));
      if (score >= MIN_SCORE) candidates.push({ path: file.path, text, score, line: start });
      if (start + WINDOW_LINES >= lines.length) break;
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const chosen: Scored[] = [];
  let used = 0;
  // Recent edits first: what the people in the room just changed is the best hint of what comes next.
  for (const edit of recentEdits) {
    if (used + edit.text.length > maxChars) break;
    chosen.push({ path: edit.path, text: edit.text, score: 1, line: -1 });
    used += edit.text.length;
  }
  for (const c of candidates) {
    if (used + c.text.length > maxChars) continue;
    // Overlapping windows of one file repeat each other.
    if (chosen.some((x) => x.path === c.path && Math.abs(x.line - c.line) < WINDOW_LINES)) continue;
    chosen.push(c);
    used += c.text.length;
  }
  chosen.sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
  return chosen.map(({ path, text }) => ({ path, text }));
}
