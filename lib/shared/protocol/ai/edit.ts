import { z } from 'zod';
import { latencyStatsSchema } from './complete';
import { aiErrorSchema, tierNoticeSchema } from './errors';
import { filePath, pinSchema, requestId, selection } from './fields';

/** A language-service action (refactor, quick fix, template) offered for a selection: no model needed. */
export const codeActionOfferSchema = z.object({ id: z.string().min(1).max(200), title: z.string().max(200) });
export type CodeActionOffer = z.infer<typeof codeActionOfferSchema>;

/** Why a Spark edit ended before the model finished: Stop, a person typing in its span, a new instruction, or the requester leaving. */
export const stopReasonSchema = z.enum(['stop', 'human-edit', 'redirected', 'disconnected']);
export type StopReason = z.infer<typeof stopReasonSchema>;

/**
 * Why a search/replace block of a workspace edit was not applied. Nothing of such a block reaches the
 * document: a block that no longer matches is reported, never guessed.
 */
export const BLOCK_PROBLEM = {
  /** Its SEARCH text is not in the file (the file changed, or the model misquoted it). */
  NOT_FOUND: 'NOT_FOUND',
  /** Its SEARCH text occurs more than once, so where it applies is unknown. */
  AMBIGUOUS: 'AMBIGUOUS',
  /** It edits a file that does not exist. */
  NO_SUCH_FILE: 'NO_SUCH_FILE',
  /** Its SEARCH is empty (create a file) but a file with text already has that name. */
  FILE_EXISTS: 'FILE_EXISTS',
  /** Its path breaks the file tree's naming rules. */
  BAD_FILE_NAME: 'BAD_FILE_NAME',
  /** Its SEARCH text overlaps text an earlier block of the same answer changes. */
  OVERLAPS: 'OVERLAPS',
  /** Its SEARCH or REPLACE text is longer than the server takes. */
  TOO_LARGE: 'TOO_LARGE',
  /** The answer had more blocks than the server takes. */
  TOO_MANY_BLOCKS: 'TOO_MANY_BLOCKS',
  /** The answer ended (or was stopped) inside it. */
  UNTERMINATED: 'UNTERMINATED',
  /** No path line came before it. */
  NO_PATH: 'NO_PATH',
  /** The room refused its write (size or file-count limits). */
  REFUSED: 'REFUSED',
} as const;
export type BlockProblem = keyof typeof BLOCK_PROBLEM;

/** A block that was not applied, named by its file and its place among that file's blocks (1 = first). */
export const staleBlockSchema = z.object({
  file: z.string().max(1024),
  block: z.number().int().positive(),
  reason: z.enum(Object.keys(BLOCK_PROBLEM) as [BlockProblem, ...BlockProblem[]]),
  message: z.string(),
});
export type StaleBlock = z.infer<typeof staleBlockSchema>;

/** Spark writing into the document: a selection, the workspace, or a language-service action, each stoppable and undone in one step. */
export const editClientMessages = [
  z.object({
    type: z.literal('edit'),
    id: requestId,
    file: filePath,
    language: z.string().max(64).default('plaintext'),
    instruction: z.string().trim().min(1).max(4000),
    /** Offsets in the file's Y.Text; from === to asks about the cursor's line. */
    selection,
    pin: pinSchema.default('auto'),
    /**
     * Text for Spark to type over the selection instead of asking a model: "Apply as edit" on a code
     * block of a chat answer. It streams through the same edit path (Spark's cursor, stop, undo).
     */
    replacement: z.string().max(100_000).optional(),
    /**
     * Propose instead of typing: the rewrite is shown to the room as a diff (lib/shared/document/proposals.ts)
     * and changes the text only when accepted.
     */
    propose: z.boolean().default(false),
  }),
  /**
   * An instruction to Spark about the workspace, not a selection: the model answers in search/replace
   * blocks, which Spark writes across files (creating files too) as one edit, with one undo step. `file`
   * is the asker's open file, shown to the model whole. Answered like `edit` (`edit:started` … `edit:done`,
   * whose `stale` names the blocks not applied).
   */
  z.object({
    type: z.literal('edit:workspace'),
    id: requestId,
    instruction: z.string().trim().min(1).max(4000),
    file: filePath.nullable().default(null),
    pin: pinSchema.default('auto'),
    /** Propose instead of writing: the blocks become one proposal over every file they touch, for the room to review. */
    propose: z.boolean().default(false),
  }),
  /** Which language-service actions apply to a selection; answered with `actions:list`. */
  z.object({ type: z.literal('actions'), id: requestId, file: filePath, selection }),
  /** Spark carries out one offered action through the edit path (its cursor, stop, one-step undo). */
  z.object({ type: z.literal('edit:action'), id: requestId, file: filePath, selection, action: codeActionOfferSchema }),
  z.object({ type: z.literal('edit:stop'), id: requestId }),
  /** Undoes this person's most recent Spark edit, as one step. */
  z.object({ type: z.literal('edit:undo') }),
] as const;

export const editServerMessages = [
  z.object({ type: z.literal('actions:list'), id: requestId, actions: z.array(codeActionOfferSchema) }),
  z.object({ type: z.literal('edit:started'), id: requestId, file: filePath }),
  /** Spark's text so far is in the shared document; this only reports progress. */
  z.object({ type: z.literal('edit:progress'), id: requestId, chars: z.number() }),
  z.object({ type: z.literal('edit:notice'), id: requestId, error: tierNoticeSchema }),
  z.object({
    type: z.literal('edit:done'),
    id: requestId,
    /** Why it ended before the model finished, if it did. */
    stopped: stopReasonSchema.nullable(),
    stats: latencyStatsSchema.nullable(),
    /** A workspace edit: the blocks it did not apply, each by file and place, and how many it applied. */
    stale: z.array(staleBlockSchema).optional(),
    applied: z.number().int().nonnegative().optional(),
  }),
  z.object({ type: z.literal('edit:error'), id: requestId, error: aiErrorSchema }),
  z.object({ type: z.literal('edit:undone'), ok: z.boolean() }),
] as const;
