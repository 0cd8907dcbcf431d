import { z } from 'zod';
import { permissionSchema } from '../share-token';
import { followUpSchema, NEXT_EDIT_REFUSAL } from './next-edit';
import { REFUSAL, type RefusalReason } from './refusals';

/**
 * The AI channel between a browser and the server: one socket.io connection per client on the `/ai`
 * namespace, every message on the `ai` event, each a member of a union keyed by `type`. The server
 * validates everything it receives against `clientMessageSchema`; the browser imports the same types.
 */

export const AI_PROTOCOL_VERSION = 1;
export const AI_NAMESPACE = '/ai';
export const AI_EVENT = 'ai';

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
/** Which tier a person asks for; `auto` lets the router choose. */
export const pinSchema = z.enum(['auto', 'fast', 'deep']);
export type Pin = z.infer<typeof pinSchema>;

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

const requestId = z.string().min(1).max(64);
const filePath = z.string().min(1).max(512);
/** Generous on purpose: the server trims to its token budget; the socket's message cap bounds the rest. */
const codeText = z.string().max(2_000_000);

const selection = z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() });
/** A language-service action (refactor, quick fix, template) offered for a selection: no model needed. */
export const codeActionOfferSchema = z.object({ id: z.string().min(1).max(200), title: z.string().max(200) });
export type CodeActionOffer = z.infer<typeof codeActionOfferSchema>;

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('complete'),
    id: requestId,
    file: filePath,
    language: z.string().max(64).default('plaintext'),
    prefix: codeText,
    suffix: codeText,
    /** Cursor offset in the file's Y.Text, where Spark's cursor is shown while it suggests. */
    offset: z.number().int().nonnegative().optional(),
    pin: pinSchema.default('auto'),
  }),
  z.object({ type: z.literal('cancel'), id: requestId }),
  z.object({
    type: z.literal('edit'),
    id: requestId,
    file: filePath,
    language: z.string().max(64).default('plaintext'),
    instruction: z.string().trim().min(1).max(4000),
    /** Offsets in the file's Y.Text; from === to asks about the cursor's line. */
    selection: z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }),
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
  /** Accepts one hunk of a proposal (`hunk`), or every pending one (`hunk: null`): Spark types it in. */
  z.object({ type: z.literal('proposal:accept'), id: requestId, proposal: requestId, hunk: z.string().min(1).max(80).nullable() }),
  /** Rejects one hunk, or what is still pending of the whole proposal. */
  z.object({ type: z.literal('proposal:reject'), id: requestId, proposal: requestId, hunk: z.string().min(1).max(80).nullable() }),
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
  /**
   * A question to Spark in the room's shared chat. The question and the answer appear in the document
   * (lib/shared/document/chat-log.ts) for everyone; only a refusal comes back on the socket, as `chat:error`.
   */
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
  /**
   * Fix with Spark: a failed run, named by its id in the document's run log. The server reads the run's
   * output and the code from the document (never from this message) and proposes a fix to the room.
   */
  z.object({ type: z.literal('run:fix'), id: requestId, run: z.string().min(1).max(80) }),
  /**
   * This person just changed `file`: the span [from, to) of its Y.Text read `before` until their change.
   * The server looks for the edits that change makes necessary elsewhere (next-edit follow-ups).
   */
  z.object({
    type: z.literal('next-edit:changed'),
    id: requestId,
    file: filePath,
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    before: z.string().max(1000),
    /** What the span reads after the change, so the server knows when its copy has it. */
    after: z.string().max(1000),
  }),
  /** Takes a follow-up on, so nobody else is offered it; refused when someone else has it. */
  z.object({ type: z.literal('next-edit:claim'), id: requestId, followUp: z.string().min(1).max(64) }),
  /** Gives a claimed follow-up back to the room. */
  z.object({ type: z.literal('next-edit:release'), id: requestId, followUp: z.string().min(1).max(64) }),
  /** The browser reports what only it can measure: keystroke to first character on screen. */
  z.object({ type: z.literal('latency'), id: requestId, keystrokeToFirstCharMs: z.number().nonnegative().max(600_000) }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientMessageInput = z.input<typeof clientMessageSchema>;

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

const tierNotice = z.object({ code: aiErrorSchema.shape.code, tier: tierNameSchema, message: z.string(), status: z.number().optional() });

/**
 * Where Spark's model comes from: endpoints set in the settings, a local model server found at start, or
 * none (the embedded engine completes code; instructions and chat are refused with NO_MODEL_CONNECTED).
 */
export const connectedModelSchema = z.object({ source: z.enum(['settings', 'found', 'none']), label: z.string() });
export type ConnectedModel = z.infer<typeof connectedModelSchema>;

export const promptWindowSchema = z.object({ prefixChars: z.number().int().positive(), suffixChars: z.number().int().positive() });
export type PromptWindow = z.infer<typeof promptWindowSchema>;

export const serverMessageSchema = z.discriminatedUnion('type', [
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
  z.object({ type: z.literal('complete:chunk'), id: requestId, text: z.string() }),
  /** A tier failed and another took over, or a tier is resting: show why. */
  z.object({ type: z.literal('complete:notice'), id: requestId, error: tierNotice }),
  z.object({ type: z.literal('complete:done'), id: requestId, stats: latencyStatsSchema }),
  z.object({ type: z.literal('complete:cancelled'), id: requestId, reason: z.enum(['cancelled', 'superseded']) }),
  z.object({ type: z.literal('complete:error'), id: requestId, error: aiErrorSchema }),
  z.object({ type: z.literal('actions:list'), id: requestId, actions: z.array(codeActionOfferSchema) }),
  z.object({ type: z.literal('edit:started'), id: requestId, file: filePath }),
  /** Spark's text so far is in the shared document; this only reports progress. */
  z.object({ type: z.literal('edit:progress'), id: requestId, chars: z.number() }),
  z.object({ type: z.literal('edit:notice'), id: requestId, error: tierNotice }),
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
  z.object({ type: z.literal('chat:error'), id: requestId, error: aiErrorSchema }),
  /** A proposal:accept or proposal:reject was carried out: how many hunks it decided. */
  z.object({ type: z.literal('proposal:done'), id: requestId, decided: z.number().int().nonnegative() }),
  z.object({ type: z.literal('proposal:error'), id: requestId, error: aiErrorSchema }),
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
  /** The room's open follow-ups, every time they change (and once on connecting). */
  z.object({ type: z.literal('next-edit:list'), followUps: z.array(followUpSchema) }),
  /** A claim that was refused; the list says who has it. */
  z.object({ type: z.literal('next-edit:refused'), id: requestId, followUp: z.string(), error: aiErrorSchema }),
  /** A message that could not be handled; the connection stays open. */
  z.object({ type: z.literal('error'), id: requestId.optional(), error: aiErrorSchema }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

// Every switch over these unions ends in assertNever; protocol users find it beside the types.
export { assertNever } from '../assert-never';
