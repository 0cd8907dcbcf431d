/**
 * What the simulator says. Replies are deterministic so tests can check what arrives: a scripted text when
 * one is set, otherwise a text derived from the prompt. It understands the prompt shapes our own tiers send
 * (the editable-region markers of the chat completion format, the selection markers of edits), so the chat
 * format is exercised end to end.
 */
import { CURSOR_MARKER, REGION_END, REGION_START, SELECTION_END, SELECTION_START } from '../../server/ai/tiers/prompt-markers';

/** `generate` is Ollama's own `/api/generate`, which streams NDJSON rather than SSE. */
export type SimEndpoint = 'chat' | 'completions' | 'infill' | 'generate';

/** A short hash so different prompts get different, stable replies. */
export function promptHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0').slice(0, 6);
}

/** The completion offered at a cursor, from the text before it. */
export function simulatedCompletion(prefix: string): string {
  return `simulated_${promptHash(prefix)}(alpha, beta)`;
}

/** Splits a reply into word-sized tokens, each carrying its leading whitespace. */
export function simTokens(text: string): string[] {
  return text.match(/\s*[\w$]+|\s*[^\w\s]|\s+/g) ?? [];
}

type Body = Record<string, unknown>;

function lastUserMessage(body: Body): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role?: string; content?: unknown }>) : [];
  const last = [...messages].reverse().find((m) => m.role === 'user');
  return typeof last?.content === 'string' ? last.content : '';
}

function between(text: string, start: string, end: string): string | null {
  const a = text.indexOf(start);
  const b = text.indexOf(end, a + start.length);
  return a === -1 || b === -1 ? null : text.slice(a + start.length, b);
}

function chatReply(body: Body): string {
  const message = lastUserMessage(body);
  const region = between(message, REGION_START, REGION_END);
  if (region !== null && region.includes(CURSOR_MARKER)) {
    const [before = '', after = ''] = region.split(CURSOR_MARKER);
    // The model rewrites the region: same text, with the completion where the cursor was.
    return `\`\`\`\n${REGION_START}${before}${simulatedCompletion(before)}${after}${REGION_END}\n\`\`\``;
  }
  const selection = between(message, SELECTION_START, SELECTION_END);
  if (selection !== null) {
    const instruction = /Instruction: (.*)/.exec(message)?.[1]?.trim() ?? 'edit';
    return `\`\`\`\n// ${instruction}\n${selection}\n\`\`\``;
  }
  return `Simulated answer ${promptHash(message)}.`;
}

export function simulatedReply(endpoint: SimEndpoint, body: Body): string {
  switch (endpoint) {
    case 'chat':
      return chatReply(body);
    case 'completions':
      return simulatedCompletion(String(body.prompt ?? ''));
    case 'infill':
      return simulatedCompletion(String(body.input_prefix ?? ''));
    case 'generate':
      return simulatedCompletion(String(body.prompt ?? ''));
  }
}

/** One streamed event in the wire shape of each endpoint: an SSE event, or an NDJSON line for `generate`. */
export function sseEvent(endpoint: SimEndpoint, token: string, final: boolean, model = 'sim'): string {
  if (endpoint === 'generate') {
    const line = { model, created_at: new Date().toISOString(), response: token, done: final, ...(final ? { done_reason: 'stop' } : {}) };
    return `${JSON.stringify(line)}\n`;
  }
  let payload: unknown;
  switch (endpoint) {
    case 'chat':
      payload = {
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: final ? {} : { content: token }, finish_reason: final ? 'stop' : null }],
      };
      break;
    case 'completions':
      payload = { object: 'text_completion', choices: [{ index: 0, text: token, finish_reason: final ? 'stop' : null }] };
      break;
    case 'infill':
      payload = { content: token, stop: final };
      break;
  }
  return `data: ${JSON.stringify(payload)}\n\n`;
}
