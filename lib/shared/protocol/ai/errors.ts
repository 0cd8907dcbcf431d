import { z } from 'zod';
import { NEXT_EDIT_REFUSAL } from '../next-edit';

/** How a model tier can fail; the server's tiers throw these (server/ai/tiers/model-tier.ts). */
export const TIER_ERROR = {
  /** The endpoint refused the key (HTTP 401/403). */
  TIER_UNAUTHORIZED: 'TIER_UNAUTHORIZED',
  /** The endpoint said slow down (HTTP 429). */
  TIER_RATE_LIMITED: 'TIER_RATE_LIMITED',
  /** Any other non-2xx answer. */
  TIER_HTTP_ERROR: 'TIER_HTTP_ERROR',
  /** No connection could be made. */
  TIER_UNREACHABLE: 'TIER_UNREACHABLE',
  /** Nothing arrived for longer than the tier's stall timeout. */
  TIER_TIMEOUT: 'TIER_TIMEOUT',
  /** The stream could not be read (bad JSON, unexpected shape). */
  TIER_MALFORMED: 'TIER_MALFORMED',
  /** The tier cannot serve this kind of request (the embedded engine cannot follow instructions). */
  TIER_UNSUPPORTED: 'TIER_UNSUPPORTED',
  /** The tier is resting after repeated failures. */
  TIER_COOLING_DOWN: 'TIER_COOLING_DOWN',
} as const;
export type TierErrorCode = keyof typeof TIER_ERROR;

/** Errors the browser can show. Tier codes come from the tier that failed and name it in the message. */
export const AI_ERROR = {
  INVALID_MESSAGE: 'INVALID_MESSAGE',
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
  UNAUTHORIZED: 'UNAUTHORIZED',
  READ_ONLY: 'READ_ONLY',
  FILE_NOT_FOUND: 'FILE_NOT_FOUND',
  EDIT_NOT_FOUND: 'EDIT_NOT_FOUND',
  NOTHING_TO_UNDO: 'NOTHING_TO_UNDO',
  RATE_LIMITED: 'RATE_LIMITED',
  NO_TIER_AVAILABLE: 'NO_TIER_AVAILABLE',
  /** A language-service action chosen for a selection no longer applies (the text changed, or it never did). */
  ACTION_NOT_APPLICABLE: 'ACTION_NOT_APPLICABLE',
  /** The room refused Spark's write, by the same limits as a person's (refusals.ts says why). */
  DOCUMENT_TOO_LARGE: 'DOCUMENT_TOO_LARGE',
  TOO_MANY_FILES: 'TOO_MANY_FILES',
  BAD_FILE_NAME: 'BAD_FILE_NAME',
  BAD_DOCUMENT_ENTRY: 'BAD_DOCUMENT_ENTRY',
  /** The proposal or hunk acted on is not in the document (any more). */
  PROPOSAL_NOT_FOUND: 'PROPOSAL_NOT_FOUND',
  /** Someone typed inside the hunk, or it was already accepted or rejected: it cannot be accepted as proposed. */
  PROPOSAL_STALE: 'PROPOSAL_STALE',
  /** Only the asker may accept or reject, unless the room lets every editor do it. */
  NOT_YOUR_PROPOSAL: 'NOT_YOUR_PROPOSAL',
  /**
   * A free-form instruction or a chat question, and no model is connected: a refusal the server makes
   * before asking any tier, so it is no tier's failure.
   */
  NO_MODEL_CONNECTED: 'NO_MODEL_CONNECTED',
  /** The run to fix is no longer in the session's run log. */
  RUN_NOT_FOUND: 'RUN_NOT_FOUND',
  /** The run to fix did not fail with an error (it passed, or was stopped at the time limit). */
  RUN_DID_NOT_FAIL: 'RUN_DID_NOT_FAIL',
  /** Spark is already fixing that run, or its fix is proposed and not yet accepted or rejected. */
  ALREADY_FIXING: 'ALREADY_FIXING',
  /** The model's fix could not be applied: it named no file, or its blocks no longer match the text. */
  FIX_NOT_APPLICABLE: 'FIX_NOT_APPLICABLE',
  /** A next-edit follow-up cannot be claimed (next-edit.ts says why). */
  ...NEXT_EDIT_REFUSAL,
  ...TIER_ERROR,
  INTERNAL: 'INTERNAL',
} as const;
export type AiErrorCode = keyof typeof AI_ERROR;

/** Which configured slot a tier fills. `embedded` is the in-process engine. */
export const tierNameSchema = z.enum(['fast', 'deep', 'embedded']);
export type TierName = z.infer<typeof tierNameSchema>;

export const aiErrorSchema = z.object({
  code: z.enum(Object.keys(AI_ERROR) as [AiErrorCode, ...AiErrorCode[]]),
  message: z.string(),
  /** The tier that failed, when a tier failed. */
  tier: tierNameSchema.optional(),
  retryAfterMs: z.number().optional(),
});
export type AiError = z.infer<typeof aiErrorSchema>;

/** What the router can fail with: its own refusals, or the code of the tier that failed. */
export type RouterError = AiError & {
  code: typeof AI_ERROR.RATE_LIMITED | typeof AI_ERROR.NO_TIER_AVAILABLE | typeof AI_ERROR.NO_MODEL_CONNECTED | TierErrorCode;
};

/** A tier failed and another took over, or a tier is resting: sent beside a request's answer, not instead of it. */
export const tierNoticeSchema = z.object({ code: aiErrorSchema.shape.code, tier: tierNameSchema, message: z.string(), status: z.number().optional() });
