/**
 * Picks the pieces of the session's other files most related to the code at the cursor, the way Copilot
 * and Continue do: windows of each file scored by the Jaccard similarity of their identifiers with the
 * lines before the cursor (snippet-index.ts). A room keeps its index up to date as files change; this
 * one-shot form indexes the given files for one question.
 */
import type { ContextSnippet } from '../tiers/model-tier';
import { SnippetIndex, type SnippetSource } from './snippet-index';

export type { SnippetSource } from './snippet-index';

/** Up to `maxChars` of the best-matching windows of `files` for the text just before the cursor. */
export function relatedSnippets(
  files: ReadonlyArray<SnippetSource>,
  recentEdits: ReadonlyArray<SnippetSource>,
  prefix: string,
  maxChars: number,
): ContextSnippet[] {
  const index = new SnippetIndex();
  for (const file of files) index.set(file.path, file.text);
  return index.related(prefix, '', recentEdits, maxChars);
}
