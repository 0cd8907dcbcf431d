import { z } from 'zod';
import { aiErrorSchema } from './errors';
import { filePath, requestId } from './fields';

/**
 * Fix with Spark: a failed run, named by its id in the document's run log. The server reads the run's
 * output and the code from the document (never from the message) and proposes a fix to the room.
 */
export const runFixClientMessages = [z.object({ type: z.literal('run:fix'), id: requestId, run: z.string().min(1).max(80) })] as const;

export const runFixServerMessages = [
  /** Spark's fix for a run is in the room as a proposal (its id) of `changes` changes. */
  z.object({ type: z.literal('run:fix:ready'), id: requestId, proposal: z.string(), changes: z.number().int().nonnegative() }),
  z.object({ type: z.literal('run:fix:error'), id: requestId, error: aiErrorSchema }),
  /**
   * To the browser of the person who ran a file that Spark has since fixed: run it again (runs happen in
   * browsers) and record the run as a rerun of fix `id`, so Spark can tell the room whether it passes.
   * `after` is Spark's place in the document once the fix was typed (its Yjs client and clock): the
   * document and this channel are separate sockets, so the browser waits until its copy has that much.
   */
  z.object({
    type: z.literal('run:again'),
    id: requestId,
    file: filePath,
    after: z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }),
  }),
] as const;
