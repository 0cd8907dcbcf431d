import { z } from 'zod';
import { aiErrorSchema } from './errors';
import { requestId } from './fields';

const hunk = z.string().min(1).max(80).nullable();

/** Deciding a proposal Spark showed the room as a diff (lib/shared/document/proposals.ts). */
export const proposalClientMessages = [
  /** Accepts one hunk of a proposal (`hunk`), or every pending one (`hunk: null`): Spark types it in. */
  z.object({ type: z.literal('proposal:accept'), id: requestId, proposal: requestId, hunk }),
  /** Rejects one hunk, or what is still pending of the whole proposal. */
  z.object({ type: z.literal('proposal:reject'), id: requestId, proposal: requestId, hunk }),
] as const;

export const proposalServerMessages = [
  /** A proposal:accept or proposal:reject was carried out: how many hunks it decided. */
  z.object({ type: z.literal('proposal:done'), id: requestId, decided: z.number().int().nonnegative() }),
  z.object({ type: z.literal('proposal:error'), id: requestId, error: aiErrorSchema }),
] as const;
