/**
 * Request bodies for the three wire formats. Every prompt is built append-only in one stable order —
 * other files first, then this file's path, then the text before and after the cursor — so that consecutive
 * requests share the longest possible prefix and provider-side prompt caches hit.
 */
import type { ChatRequest, CompleteRequest, ContextSnippet, EditRequest, TierRequest } from './model-tier';
import { CURSOR_MARKER, REGION_END, REGION_START, SELECTION_END, SELECTION_START } from './prompt-markers';

export type PromptFormat = 'chat' | 'fim' | 'infill';

export interface HttpCall {
  path: string;
  body: Record<string, unknown>;
}

const HASH_COMMENT = new Set(['python', 'shell', 'ruby', 'yaml', 'toml', 'perl', 'r', 'dockerfile', 'makefile']);

function lineComment(language: string): string {
  if (HASH_COMMENT.has(language)) return '#';
  if (language === 'sql' || language === 'lua' || language === 'haskell') return '--';
  return '//';
}

function snippetsAsComments(snippets: ContextSnippet[], language: string): string {
  const c = lineComment(language);
  return snippets.map((s) => `${c} Path: ${s.path}\n${s.text}\n\n`).join('');
}

function snippetsAsMarkdown(snippets: ContextSnippet[]): string {
  if (snippets.length === 0) return '';
  return `Related code:\n\n${snippets.map((s) => `\`\`\`${s.path}\n${s.text}\n\`\`\`\n`).join('\n')}\n`;
}

/** Splits the text around the cursor into the editable region (the cursor's line) and what lies outside. */
export function editableRegion(prefix: string, suffix: string) {
  const lineStart = prefix.lastIndexOf('\n') + 1;
  const lineEnd = suffix.indexOf('\n');
  const cut = lineEnd === -1 ? suffix.length : lineEnd;
  return {
    outsideBefore: prefix.slice(0, lineStart),
    before: prefix.slice(lineStart),
    after: suffix.slice(0, cut),
    outsideAfter: suffix.slice(cut),
  };
}

const COMPLETE_SYSTEM =
  'You are a code completion engine. The user shows a file with an editable region and the cursor position. ' +
  `Rewrite the editable region, continuing the code at ${CURSOR_MARKER}. Keep all text outside the cursor ` +
  'position exactly as it is. Reply with the region only, in one fenced code block, without the cursor marker.';

const EDIT_SYSTEM =
  'You are an expert programmer editing a file. Rewrite the text between the selection markers following ' +
  'the instruction. Reply with only the replacement text in one fenced code block, no explanation.';

const CHAT_SYSTEM = 'You are Spark, a helpful pair programmer in a shared coding session. Answer concisely.';

function chatComplete(r: CompleteRequest): HttpCall {
  const region = editableRegion(r.prefix, r.suffix);
  const content =
    snippetsAsMarkdown(r.snippets) +
    `File: ${r.path} (${r.language})\n\n\`\`\`${r.language}\n` +
    `${region.outsideBefore}${REGION_START}${region.before}${CURSOR_MARKER}${region.after}${REGION_END}${region.outsideAfter}` +
    `\n\`\`\`\n\n${r.multiline ? 'Complete the code, several lines if natural.' : 'Complete this line only.'}`;
  return {
    path: '/v1/chat/completions',
    body: {
      messages: [
        { role: 'system', content: COMPLETE_SYSTEM },
        { role: 'user', content },
      ],
      max_tokens: r.maxTokens + Math.ceil((region.before.length + region.after.length) / 3),
    },
  };
}

function chatEdit(r: EditRequest): HttpCall {
  const content =
    snippetsAsMarkdown(r.snippets) +
    `File: ${r.path} (${r.language})\n\n\`\`\`${r.language}\n` +
    `${r.prefix}${SELECTION_START}${r.region}${SELECTION_END}${r.suffix}\n\`\`\`\n\n` +
    `Instruction: ${r.instruction.replace(/\s+/g, ' ')}\n\nRewrite only the text between ${SELECTION_START} and ${SELECTION_END}.`;
  return {
    path: '/v1/chat/completions',
    body: {
      messages: [
        { role: 'system', content: EDIT_SYSTEM },
        { role: 'user', content },
      ],
      max_tokens: r.maxTokens,
    },
  };
}

function chatChat(r: ChatRequest): HttpCall {
  return {
    path: '/v1/chat/completions',
    body: { messages: [{ role: 'system', content: CHAT_SYSTEM }, ...r.messages], max_tokens: r.maxTokens },
  };
}

function fimComplete(r: CompleteRequest): HttpCall {
  const prompt = `${snippetsAsComments(r.snippets, r.language)}${lineComment(r.language)} Path: ${r.path}\n${r.prefix}`;
  return {
    path: '/v1/completions',
    body: { prompt, suffix: r.suffix, max_tokens: r.maxTokens, ...(r.multiline ? {} : { stop: ['\n'] }) },
  };
}

function infillComplete(r: CompleteRequest): HttpCall {
  return {
    path: '/infill',
    body: {
      input_extra: r.snippets.map((s) => ({ filename: s.path, text: s.text })),
      input_prefix: r.prefix,
      input_suffix: r.suffix,
      prompt: '',
      n_predict: r.maxTokens,
      cache_prompt: true,
      ...(r.multiline ? {} : { stop: ['\n'] }),
    },
  };
}

/** The HTTP call for a request. Edits and chat always use the chat endpoint: they need instructions. */
export function buildCall(format: PromptFormat, request: TierRequest): HttpCall {
  switch (request.kind) {
    case 'edit':
      return chatEdit(request);
    case 'chat':
      return chatChat(request);
    case 'complete':
      if (format === 'fim') return fimComplete(request);
      if (format === 'infill') return infillComplete(request);
      return chatComplete(request);
  }
}

/** The text delta inside one parsed SSE payload, for any of the three endpoints. */
export function deltaText(path: string, payload: unknown): string | undefined {
  const p = payload as { choices?: Array<{ delta?: { content?: unknown }; text?: unknown }>; content?: unknown };
  if (path === '/infill') return typeof p?.content === 'string' ? p.content : undefined;
  const choice = p?.choices?.[0];
  if (!choice) return Array.isArray(p?.choices) ? '' : undefined;
  const text = path === '/v1/chat/completions' ? (choice.delta?.content ?? '') : choice.text;
  return typeof text === 'string' ? text : text === null ? '' : undefined;
}
