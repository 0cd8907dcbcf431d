import { z } from 'zod';

/** Fields several of the channel's messages carry. */

export const requestId = z.string().min(1).max(64);
export const filePath = z.string().min(1).max(512);
/** Generous on purpose: the server trims to its token budget; the socket's message cap bounds the rest. */
export const codeText = z.string().max(2_000_000);
/** Offsets in a file's Y.Text. */
export const selection = z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() });

/** Which tier a person asks for; `auto` lets the router choose. */
export const pinSchema = z.enum(['auto', 'fast', 'deep']);
export type Pin = z.infer<typeof pinSchema>;
