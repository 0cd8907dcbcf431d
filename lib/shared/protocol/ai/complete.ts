import { z } from 'zod';
import { relativePositionJsonSchema } from '../awareness';
import { aiErrorSchema, tierNameSchema, tierNoticeSchema } from './errors';
import { codeText, filePath, pinSchema, requestId } from './fields';

/**
 * Where the text came from: a model call, the cache, a suggestion being typed through, a prefetch, or
 * (edits only) text applied from a chat answer, which Spark types without a model.
 */
export const completionSourceSchema = z.enum(['model', 'cache', 'typed-through', 'prefetch', 'apply']);
export type CompletionSource = z.infer<typeof completionSourceSchema>;

export const latencyStatsSchema = z.object({
  tier: tierNameSchema.nullable(),
  source: completionSourceSchema,
  /** From the request reaching the server to its first chunk leaving it. */
  firstTokenMs: z.number().nullable(),
  /** Model chunks per second after the first; null when it came in one piece. */
  tokensPerSecond: z.number().nullable(),
  chars: z.number(),
});
export type LatencyStats = z.infer<typeof latencyStatsSchema>;

/** Ghost text: a completion at the cursor, streamed back in chunks. */
export const completeClientMessages = [
  z.object({
    type: z.literal('complete'),
    id: requestId,
    file: filePath,
    language: z.string().max(64).default('plaintext'),
    prefix: codeText,
    suffix: codeText,
    /**
     * Where Spark's cursor is shown while it suggests: the cursor as a relative position in the file's
     * Y.Text, anchored to the text right of it. A request sent at a keydown reaches the server before the
     * key's own update may; text typed at the cursor goes before the anchor, so it marks the cursor either way.
     */
    at: relativePositionJsonSchema.optional(),
    pin: pinSchema.default('auto'),
  }),
  z.object({ type: z.literal('cancel'), id: requestId }),
] as const;

export const completeServerMessages = [
  z.object({ type: z.literal('complete:chunk'), id: requestId, text: z.string() }),
  z.object({ type: z.literal('complete:notice'), id: requestId, error: tierNoticeSchema }),
  z.object({ type: z.literal('complete:done'), id: requestId, stats: latencyStatsSchema }),
  z.object({ type: z.literal('complete:cancelled'), id: requestId, reason: z.enum(['cancelled', 'superseded']) }),
  z.object({ type: z.literal('complete:error'), id: requestId, error: aiErrorSchema }),
] as const;
