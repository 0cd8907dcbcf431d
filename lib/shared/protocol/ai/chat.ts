import { z } from 'zod';
import { aiErrorSchema } from './errors';
import { filePath, pinSchema, requestId } from './fields';

/**
 * The room's shared chat with Spark. The question and the answer appear in the document
 * (lib/shared/document/chat-log.ts) for everyone; only a refusal comes back on the socket, as `chat:error`.
 */
export const chatClientMessages = [
  z.object({
    type: z.literal('chat:ask'),
    id: requestId,
    question: z.string().trim().min(1).max(4000),
    /** The asker's open file and selection (offsets in its Y.Text), sent to the model as context. */
    context: z
      .object({ file: filePath, language: z.string().max(64).default('plaintext'), from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
      .nullable(),
    pin: pinSchema.default('auto'),
  }),
  /** Stops a room chat answer while it streams; what was written stays. */
  z.object({ type: z.literal('chat:stop'), id: requestId }),
] as const;

export const chatServerMessages = [z.object({ type: z.literal('chat:error'), id: requestId, error: aiErrorSchema })] as const;
