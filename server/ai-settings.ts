import { z } from 'zod';

/** Endpoints of model tiers: http or https only, so a typo fails at start, not at the first keystroke. */
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
/** Model tier wire formats (server/ai/tiers/prompt-formats.ts). */
const promptFormat = z.enum(['chat', 'fim', 'infill']);

/**
 * The settings of Spark, the AI pair programmer. With no URL set, both tiers are the embedded engine (no key,
 * no download). Part of the one settings schema in config.ts; the README's settings table is written from
 * the doc comments here, so each says its meaning, its unit and `@default`.
 */
export const aiSettings = {
  /**
   * With no SPARKPAD_FAST_URL or SPARKPAD_DEEP_URL, look for a local model server on loopback at start (the
   * ports below) and use the first with a code model for both tiers. @default true
   */
  discover: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** How long each discovery probe may take; loopback answers in about a millisecond. @default 300 */
  discoverTimeoutMs: z.coerce.number().int().min(10).max(10_000).default(300),
  /** Bytes a discovery probe reads of an answer (a model list) before it gives that server up. @default 1048576 */
  discoverMaxResponseBytes: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  /** Port where discovery looks for Ollama (`GET /api/tags`). @default 11434 */
  discoverOllamaPort: z.coerce.number().int().min(1).max(65535).default(11434),
  /** Port where discovery looks for llama.cpp's llama-server (`GET /health`, `POST /infill`). @default 8080 */
  discoverLlamaCppPort: z.coerce.number().int().min(1).max(65535).default(8080),
  /** Port where discovery looks for LM Studio (`GET /v1/models`). @default 1234 */
  discoverLmStudioPort: z.coerce.number().int().min(1).max(65535).default(1234),
  /** Port where discovery looks for vLLM (`GET /v1/models`). @default 8000 */
  discoverVllmPort: z.coerce.number().int().min(1).max(65535).default(8000),
  /** OpenAI-compatible endpoint of the fast tier (completions, small edits), e.g. https://api.groq.com/openai. */
  fastUrl: httpUrl.optional(),
  /** Model name sent to the fast tier. */
  fastModel: z.string().min(1).optional(),
  /** API key of the fast tier, sent as a bearer token. */
  fastKey: z.string().min(1).optional(),
  /** Wire format of the fast tier: chat, fim (/v1/completions with suffix) or infill (llama.cpp /infill). @default chat */
  fastFormat: promptFormat.default('chat'),
  /** How long a completion waits for the fast tier's first token before the embedded engine is asked too. @default 200 */
  fastFirstTokenDeadlineMs: z.coerce.number().int().min(0).max(60_000).default(200),
  /** Silence (no event with data; SSE comments do not count) after which a fast-tier request fails with TIER_TIMEOUT. @default 10000 */
  fastStallTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Longest a whole fast-tier request may take, however the endpoint trickles bytes (TIER_TIMEOUT). @default 20000 */
  fastRequestDeadlineMs: z.coerce.number().int().min(100).max(600_000).default(20_000),
  /** OpenAI-compatible endpoint of the deep tier (chat, large edits). */
  deepUrl: httpUrl.optional(),
  /** Model name sent to the deep tier. */
  deepModel: z.string().min(1).optional(),
  /** API key of the deep tier, sent as a bearer token. */
  deepKey: z.string().min(1).optional(),
  /** Wire format of the deep tier. @default chat */
  deepFormat: promptFormat.default('chat'),
  /** First-token deadline of the deep tier when it serves a completion (pinned deep). @default 1500 */
  deepFirstTokenDeadlineMs: z.coerce.number().int().min(0).max(60_000).default(1500),
  /** Silence after which a deep-tier request fails with TIER_TIMEOUT. @default 30000 */
  deepStallTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Longest a whole deep-tier request may take (a long edit or chat answer). @default 180000 */
  deepRequestDeadlineMs: z.coerce.number().int().min(100).max(3_600_000).default(180_000),
  /** Longest line of a tier's event stream; a line that never ends fails with TIER_MALFORMED past it. @default 1048576 */
  aiMaxSseLineBytes: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  /** Prompt budget of a completion (prefix, suffix, snippets), in tokens. @default 2048 */
  aiPromptBudgetTokens: z.coerce.number().int().min(64).max(1_000_000).default(2048),
  /** Prompt budget of an edit or chat, in tokens. @default 8192 */
  aiEditBudgetTokens: z.coerce.number().int().min(256).max(1_000_000).default(8192),
  /** Longest completion asked of a model, in tokens. @default 64 */
  aiMaxCompletionTokens: z.coerce.number().int().min(1).max(4096).default(64),
  /**
   * Time one diff may take while a Spark edit is written into the document (minified code makes a
   * character diff O(N·D)); past it that part is written as a coarser replacement. @default 10
   */
  aiEditDiffBudgetMs: z.coerce.number().int().min(1).max(1_000).default(10),
  /** Longest edit or chat answer asked of a model, in tokens. @default 2048 */
  aiMaxEditTokens: z.coerce.number().int().min(16).max(32_768).default(2048),
  /**
   * Search/replace blocks one workspace edit may carry; blocks past it are reported and not applied, so one
   * answer cannot touch the whole workspace. @default 32
   */
  aiMaxEditBlocks: z.coerce.number().int().min(1).max(1_000).default(32),
  /**
   * Characters of one block's SEARCH or REPLACE text; a block past it is reported and not applied, and the
   * parser stops keeping its text, so a runaway answer holds bounded memory. @default 100000
   */
  aiMaxEditBlockChars: z.coerce.number().int().min(100).max(2_000_000).default(100_000),
  /** AI requests one person may make per second (a burst limit; typing makes about 5-10). @default 20 */
  aiUserRequestsPerSecond: z.coerce.number().int().min(1).default(20),
  /** AI requests one person may make per minute. @default 600 */
  aiUserRequestsPerMinute: z.coerce.number().int().min(1).default(600),
  /** AI requests one room may make per minute. @default 3000 */
  aiRoomRequestsPerMinute: z.coerce.number().int().min(1).default(3000),
  /** Consecutive failures after which a tier rests. @default 3 */
  aiTierFailuresBeforeCooldown: z.coerce.number().int().min(1).default(3),
  /** How long a failing tier rests before it is tried again. @default 30000 */
  aiTierCooldownMs: z.coerce.number().int().min(0).default(30_000),
  /** Finished completions kept for reuse (LRU). @default 1000 */
  aiCacheEntries: z.coerce.number().int().min(1).default(1000),
  /**
   * Suggestions kept per person and file so typing what one predicted continues it (typed-through),
   * across the server; the least recently used go first. @default 4000
   */
  aiFlightSlots: z.coerce.number().int().min(1).default(4000),
  /** A kept suggestion nobody continued for this long is dropped. @default 60000 */
  aiFlightIdleMs: z.coerce.number().int().min(1000).default(60_000),
  /** Next-edit follow-ups (a renamed function's call sites, arguments of a changed signature) a room holds at once. @default 50 */
  aiNextEditMaxFollowUps: z.coerce.number().int().min(1).max(1000).default(50),
  /**
   * How long a browser's report of a change waits for the change itself to reach the server (the two
   * travel on different sockets) before it is dropped. @default 2000
   */
  aiNextEditCatchUpMs: z.coerce.number().int().min(0).max(60_000).default(2000),
  /** Fetch the next suggestion as if the current one were accepted, so Tab hits the cache. @default true */
  aiPrefetch: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Source text the embedded engine reads from node_modules when its thread starts (in the background), in bytes; 0 turns
   * the corpus off. 4 MB indexes in about 0.6 s and holds about 30 MB. @default 4000000
   */
  embeddedCorpusBytes: z.coerce.number().int().min(0).max(64_000_000).default(4_000_000),
  /**
   * The TypeScript language service beside the n-gram engine, in a worker of its own, for JavaScript and
   * TypeScript files: it steers completions and offers the refactors and fixes Spark types with no model.
   * Its first program (the standard library) is built in the background in 2-6 s on a busy 2-core machine and holds about 45 MB of heap (70 MB resident with a small room). @default true
   */
  embeddedLanguageService: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * The embedded engine's and the language service's threads start on the first request that needs them
   * and are let go after this long without one (the next request starts them again: the corpus is read
   * anew in about 0.6 s, the library program rebuilt in 2-6 s, both in the background). Started, they hold
   * about 110 MB (engine with its corpus) and 220 MB (language service, built) resident. @default 600000
   */
  embeddedWorkerIdleMs: z.coerce.number().int().min(1000).default(600_000),
  /**
   * How long a completion waits for the language service before the n-gram answer goes out alone; only
   * where the service can judge (after `.`, in an identifier, at a call's first argument). @default 25
   */
  embeddedLanguageServiceDeadlineMs: z.coerce.number().int().min(1).max(1_000).default(25),
};
