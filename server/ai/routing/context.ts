/**
 * Builds tier requests within a token budget. The text nearest the cursor matters most, so the prefix is
 * cut from its start and the suffix from its end, at line boundaries; snippets of other files get what the
 * prefix and suffix leave of their share. An oversized prompt is trimmed here, never sent whole.
 */
import type { PromptWindow } from '../../../lib/shared/protocol/ai';
import type { CompleteRequest, ContextSnippet, EditRequest } from '../tiers/model-tier';
import type { SnippetSource } from './snippets';

/**
 * Characters per token for budgeting. Code runs 3-4 characters per token in BPE vocabularies; counting 3
 * errs towards sending less rather than overflowing a model's context.
 */
export const CHARS_PER_TOKEN = 3;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Keeps the last `maxChars` of `text`, starting at a line boundary when one is near. */
export function keepEnd(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(text.length - maxChars);
  const newline = cut.indexOf('\n');
  return newline !== -1 && newline < maxChars / 4 ? cut.slice(newline + 1) : cut;
}

/** Keeps the first `maxChars` of `text`, ending at a line boundary when one is near. */
export function keepStart(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const newline = cut.lastIndexOf('\n');
  return newline !== -1 && newline > (maxChars * 3) / 4 ? cut.slice(0, newline + 1) : cut;
}

/** What the room can tell about the rest of the session. */
export interface WorkspaceView {
  files(): ReadonlyArray<SnippetSource>;
  /**
   * Up to `maxChars` of the other files' windows most related to the text before the cursor, after the
   * lines around recent edits when `withRecentEdits`; answered from an index kept up to date as files change.
   */
  relatedSnippets(prefix: string, excludePath: string, withRecentEdits: boolean, maxChars: number): ContextSnippet[];
}

export interface CursorInput {
  path: string;
  language: string;
  prefix: string;
  suffix: string;
}

/** A suggestion may run over several lines only when nothing but whitespace follows the cursor on its line. */
export function isEndOfLine(suffix: string): boolean {
  const lineEnd = suffix.indexOf('\n');
  return (lineEnd === -1 ? suffix : suffix.slice(0, lineEnd)).trim() === '';
}

/** Shares of the budget: prefix first; suffix and snippets are capped, their unused share goes to the prefix. */
const SUFFIX_SHARE = 0.2;
const SNIPPET_SHARE = 0.25;

/**
 * The text around the cursor a completion can use under `budgetTokens`: the whole budget before it and
 * the suffix's share after it, each with a quarter more so the prompt can still start and end at a line
 * boundary. Browsers send this much per keystroke, so the message does not grow with the file.
 */
export function promptWindow(budgetTokens: number): PromptWindow {
  const budgetChars = budgetTokens * CHARS_PER_TOKEN;
  return { prefixChars: Math.ceil(budgetChars * 1.25), suffixChars: Math.ceil(budgetChars * SUFFIX_SHARE * 1.25) };
}

export function buildCompleteRequest(
  input: CursorInput,
  workspace: WorkspaceView | null,
  budgetTokens: number,
  maxTokens: number,
): CompleteRequest {
  const budgetChars = budgetTokens * CHARS_PER_TOKEN;
  const suffix = keepStart(input.suffix, Math.floor(budgetChars * SUFFIX_SHARE));
  // The snippet query is the text the prompt can hold, not all that was sent: its cost stays bounded.
  const query = keepEnd(input.prefix, budgetChars);
  const snippets = workspace?.relatedSnippets(query, input.path, true, Math.floor(budgetChars * SNIPPET_SHARE)) ?? [];
  const snippetChars = snippets.reduce((n, s) => n + s.text.length + s.path.length + 16, 0);
  const prefix = keepEnd(input.prefix, Math.max(0, budgetChars - suffix.length - snippetChars - input.path.length - 32));
  return {
    kind: 'complete',
    path: input.path,
    language: input.language,
    prefix,
    suffix,
    snippets,
    multiline: isEndOfLine(input.suffix),
    maxTokens,
  };
}

export interface EditInput extends CursorInput {
  instruction: string;
  region: string;
}

export function buildEditRequest(
  input: EditInput,
  workspace: WorkspaceView | null,
  budgetTokens: number,
  maxTokens: number,
): EditRequest {
  const budgetChars = budgetTokens * CHARS_PER_TOKEN;
  // The region itself is never cut: a partial rewrite would delete what was left out.
  const around = Math.max(0, budgetChars - input.region.length - input.instruction.length);
  const suffix = keepStart(input.suffix, Math.floor(around * 0.3));
  const snippets = workspace?.relatedSnippets(input.prefix, input.path, false, Math.floor(around * 0.2)) ?? [];
  const used = suffix.length + snippets.reduce((n, s) => n + s.text.length, 0);
  return {
    kind: 'edit',
    path: input.path,
    language: input.language,
    prefix: keepEnd(input.prefix, Math.max(0, around - used)),
    suffix,
    snippets,
    instruction: input.instruction,
    region: input.region,
    maxTokens: Math.max(maxTokens, estimateTokens(input.region) * 2 + 64),
  };
}
