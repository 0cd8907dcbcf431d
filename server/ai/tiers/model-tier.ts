// server/ai/tiers/: the ModelTier interface (this file) and its implementations: OpenAI-compatible
// endpoints (chat, fim, infill wire formats) and the embedded engine.
/**
 * The seam between the router and a model. A tier takes one request and an AbortSignal and yields text
 * chunks as they arrive; it never buffers to the end. Expected failures are `TierError`s whose code the
 * UI can show and whose message names the tier, so "fast tier (groq): key refused" reaches the person.
 */
import { TIER_ERROR, type TierErrorCode, type TierName } from '../../../lib/shared/protocol/ai';

/** A piece of another file (or a recent edit) offered to the model as context. */
export interface ContextSnippet {
  path: string;
  text: string;
}

/** What every request says about where the cursor is. Prefix and suffix are already trimmed to budget. */
export interface FileContext {
  path: string;
  language: string;
  prefix: string;
  suffix: string;
  /** Relevant pieces of other files and recent edits, most relevant last (closest to the cursor). */
  snippets: ContextSnippet[];
}

export interface CompleteRequest extends FileContext {
  kind: 'complete';
  /** False when the cursor is mid-line: the suggestion must stay on this line. */
  multiline: boolean;
  maxTokens: number;
  /** The room the file belongs to: the embedded engine holds each room's files and matches against them. */
  room?: string;
}

export interface EditRequest extends FileContext {
  kind: 'edit';
  instruction: string;
  /** The text being rewritten (the selection, or the current line when nothing is selected). */
  region: string;
  maxTokens: number;
}

export interface ChatRequest {
  kind: 'chat';
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
  maxTokens: number;
}

export type TierRequest = CompleteRequest | EditRequest | ChatRequest;

export interface ModelTier {
  readonly name: TierName;
  /** Short human description used in messages, e.g. `fast tier (http://127.0.0.1:8080, chat)`. */
  readonly label: string;
  /**
   * Yields text as it arrives. When `signal` aborts, the upstream request is abandoned at once and the
   * iterator ends by throwing the signal's reason. Failures throw `TierError`.
   */
  stream(request: TierRequest, signal: AbortSignal): AsyncIterable<string>;
}

// The codes are part of the AI protocol, shared with the browser: defined once there.
export { TIER_ERROR };

/** The plain-data form of a TierError, as it travels to the browser. */
export interface TierErrorInfo {
  code: TierErrorCode;
  tier: TierName;
  message: string;
  status?: number;
}

export class TierError extends Error {
  override readonly name = 'TierError';

  constructor(
    readonly code: TierErrorCode,
    readonly tier: TierName,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }

  toInfo(): TierErrorInfo {
    return { code: this.code, tier: this.tier, message: this.message, ...(this.status ? { status: this.status } : {}) };
  }
}

export function isTierError(error: unknown): error is TierError {
  return error instanceof TierError;
}
