import { z } from 'zod';
import { permissionSchema } from '../../share-token';
import { REFUSAL, type RefusalReason } from '../refusals';
import { aiErrorSchema } from './errors';
import { requestId } from './fields';

export const AI_PROTOCOL_VERSION = 1;
export const AI_NAMESPACE = '/ai';
export const AI_EVENT = 'ai';

/** What the socket.io handshake carries in `auth`. */
export const aiHandshakeSchema = z.object({
  room: z.string().min(1).max(128),
  token: z.string().min(1).max(2048),
  protocolVersion: z.number().int(),
  /**
   * This browser's signed identity in the room (`POST /api/sessions/<room>/identity`). Without one the
   * connection acts as a stranger of its own, known to nobody else.
   */
  identity: z.string().min(1).max(512).optional(),
});
export type AiHandshake = z.infer<typeof aiHandshakeSchema>;

/**
 * Where Spark's model comes from: endpoints set in the settings, a local model server found at start, or
 * none (the embedded engine completes code; instructions and chat are refused with NO_MODEL_CONNECTED).
 */
export const connectedModelSchema = z.object({ source: z.enum(['settings', 'found', 'none']), label: z.string() });
export type ConnectedModel = z.infer<typeof connectedModelSchema>;

export const promptWindowSchema = z.object({ prefixChars: z.number().int().positive(), suffixChars: z.number().int().positive() });
export type PromptWindow = z.infer<typeof promptWindowSchema>;

export const connectionClientMessages = [
  /** The browser reports what only it can measure: keystroke to first character on screen. */
  z.object({ type: z.literal('latency'), id: requestId, keystrokeToFirstCharMs: z.number().nonnegative().max(600_000) }),
] as const;

export const connectionServerMessages = [
  z.object({
    type: z.literal('hello'),
    protocolVersion: z.number(),
    permission: permissionSchema,
    /** The identity the server knows this connection by: undo, stop, rate limits and chat authorship key on it. */
    userId: z.string(),
    tiers: z.object({ fast: z.string(), deep: z.string() }),
    model: connectedModelSchema.optional(),
    /** How much text around the cursor a `complete` needs to carry: what the server's prompt budget can use. */
    promptWindow: promptWindowSchema.optional(),
  }),
  /** The server is about to close this connection, and why (the links were rotated, it is shutting down). */
  z.object({ type: z.literal('closing'), reason: z.enum(Object.keys(REFUSAL) as [RefusalReason, ...RefusalReason[]]) }),
  /** A message that could not be handled; the connection stays open. */
  z.object({ type: z.literal('error'), id: requestId.optional(), error: aiErrorSchema }),
] as const;
