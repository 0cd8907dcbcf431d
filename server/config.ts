import path from 'node:path';
import { z } from 'zod';

/** Endpoints of model tiers: http or https only, so a typo fails at start, not at the first keystroke. */
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
/** Model tier wire formats (server/ai/tiers/prompt-formats.ts). */
const promptFormat = z.enum(['chat', 'fim', 'infill']);

/**
 * Every server setting, parsed once from the environment. Names carry their unit.
 * The README's settings table is written from this schema: change both together.
 */
export const configSchema = z.object({
  /** TCP port for pages, /yjs and /socket.io. @default 3000 */
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on. @default 127.0.0.1 */
  host: z.string().min(1).default('127.0.0.1'),
  /** Where SQLite and the generated secret live. @default ./data */
  dataDir: z.string().min(1).default('./data'),
  /** HMAC secret for share-link tokens; generated into the data dir when unset. */
  secret: z.string().min(32, 'SPARKPAD_SECRET must be at least 32 characters').optional(),
  /** Serve pages through Next.js; off for protocol-only integration tests. @default true */
  serveNext: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Largest websocket or socket.io message accepted, in bytes. @default 1048576 */
  maxMessageBytes: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** An edit is appended to disk at most this long after it arrives. @default 50 */
  durabilityWindowMs: z.coerce.number().int().min(0).max(10_000).default(50),
  /** Pending updates per room that trigger compaction into one snapshot. @default 500 */
  compactAfterUpdates: z.coerce.number().int().min(1).default(500),
  /**
   * First wait before a failed storage write or compaction is tried again; it doubles per failure. A room
   * with unsaved writes stays loaded until they are stored. @default 100
   */
  storageRetryInitialMs: z.coerce.number().int().min(1).max(60_000).default(100),
  /** Longest wait between storage retries. @default 5000 */
  storageRetryMaxMs: z.coerce.number().int().min(1).max(600_000).default(5_000),
  /** A stretch of editing this long (from its first change) ends in an automatic version. @default 120000 */
  versionEveryMs: z.coerce.number().int().min(1_000).default(120_000),
  /** Versions older than this are thinned to the last one of each hour. @default 86400000 */
  versionsHourlyAfterMs: z.coerce.number().int().min(0).default(24 * 60 * 60 * 1000),
  /** Versions a room keeps (each holds the whole workspace); past it, the version closest in time to its newer neighbour goes (a burst thins itself; older history stays). @default 1000 */
  maxVersionsPerRoom: z.coerce.number().int().min(1).default(1000),
  /** Time one file's diff may take in a restore; past it that file is rewritten more coarsely. @default 10 */
  restoreDiffBudgetMs: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Largest document (bytes of Yjs updates) a room may grow to. @default 10485760 */
  maxDocumentBytes: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  /** Files a room may hold. @default 200 */
  maxFilesPerRoom: z.coerce.number().int().min(1).default(200),
  /**
   * Bytes of updates a room holds parked for missing dependencies (they count toward the document size);
   * past it their senders are closed (MISSING_DEPENDENCIES) and they are dropped. @default 1048576
   */
  maxParkedUpdateBytes: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** How long updates may stay parked for missing dependencies before their senders are closed. @default 5000 */
  maxParkedUpdateMs: z.coerce.number().int().min(10).max(600_000).default(5_000),
  /** Largest presence (awareness) state one client may publish, in bytes of JSON; larger ones are dropped. @default 4096 */
  maxAwarenessStateBytes: z.coerce.number().int().min(256).default(4096),
  /** Presence messages one connection may send per second; of the rest only the latest is applied, a second later. @default 40 */
  maxAwarenessUpdatesPerSecond: z.coerce.number().int().min(1).default(40),
  /** Unsent bytes past which a connection gets no presence until it catches up (document updates still go). @default 262144 */
  maxPresenceBacklogBytes: z.coerce.number().int().min(0).default(256 * 1024),
  /**
   * Open Yjs connections the server accepts before refusing new ones. Sized so CPU, not this cap, limits
   * one process: typing clients cost about 0.045 % of a core each (43.5 % at 1,000 on the capacity bench),
   * so a core is spent near 2,000 typing clients while readers cost far less. Needs a file-descriptor
   * limit above it. @default 10000
   */
  maxConnections: z.coerce.number().int().min(1).default(10_000),
  /** Open Yjs connections from one IP address (behind a proxy, the proxy's address). @default 256 */
  maxConnectionsPerIp: z.coerce.number().int().min(1).default(256),
  /** Websocket handshakes one IP address may make per minute; past it, HANDSHAKE_RATE_LIMITED. @default 1200 */
  maxHandshakesPerIpPerMinute: z.coerce.number().int().min(1).default(1200),
  /**
   * Pings go out this often on /yjs and socket.io; a socket that has not answered the previous one is
   * dropped (HEARTBEAT_TIMEOUT), so a half-open peer frees its slot within two of these. @default 15000
   */
  heartbeatTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /**
   * Bytes the server may hold unsent for one socket; past it the reader is too slow and is dropped
   * (SLOW_CONSUMER). At least the document limit, so one full sync always fits. @default 33554432
   */
  maxSocketBufferBytes: z.coerce.number().int().min(64 * 1024).default(32 * 1024 * 1024),
  /** How long a refused or closed socket may take to answer the close frame before it is cut off. @default 1000 */
  closeTimeoutMs: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** Connections one room accepts. @default 50 */
  maxClientsPerRoom: z.coerce.number().int().min(1).default(50),
  /** Rooms held in memory at once; a connection to an unloaded room past it is refused. @default 1000 */
  maxLoadedRooms: z.coerce.number().int().min(1).default(1000),
  // --- Scale out: with neither URL set, Sparkpad is one embedded instance. ---
  /** PostgreSQL for rooms and documents instead of SQLite, e.g. postgres://user@host:5432/db. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** How long connecting to PostgreSQL may take before it fails (and storage retries). @default 5000 */
  databaseConnectTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** How long one PostgreSQL statement may run before it is cancelled (and storage retries). @default 10000 */
  databaseStatementTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Redis carrying room updates and presence between instances, e.g. redis://host:6379. */
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /**
   * Bytes of room updates held while Redis is away; past it the oldest are dropped (every edit is in
   * storage, which peers resync from when Redis returns). /api/health names the outage meanwhile. @default 8388608
   */
  redisOfflineQueueBytes: z.coerce.number().int().min(0).default(8 * 1024 * 1024),
  /** Prefix of every Redis key and channel; deployments sharing one Redis need distinct ones. @default sparkpad: */
  redisPrefix: z.string().min(1).default('sparkpad:'),
  /**
   * How long a room's Redis stream keeps updates. A joining instance reads storage, then this much stream,
   * so it must be far longer than the durability window. @default 60000
   */
  streamRetentionMs: z.coerce.number().int().min(1_000).default(60_000),
  /**
   * How long an instance holds Spark's place in a room (its one cursor) without renewing it; it renews every
   * third of this. When that instance dies, another serving the room takes Spark over within this plus a
   * third of it. @default 3000
   */
  sparkLeaseMs: z.coerce.number().int().min(300).max(60_000).default(3_000),
  /** Spark edits each person can undo in a room, newest first (in Redis when scaled out). @default 20 */
  sparkUndoDepth: z.coerce.number().int().min(1).max(1_000).default(20),
  /** How long a person's Spark undo history stays in Redis after their last Spark edit. @default 86400000 */
  sparkUndoRetentionMs: z.coerce.number().int().min(60_000).default(24 * 60 * 60 * 1000),
  // --- Spark AI: with no URL set, both tiers are the embedded engine (no key, no download). ---
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
  /** Fetch the next suggestion as if the current one were accepted, so Tab hits the cache. @default true */
  aiPrefetch: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Source text the embedded engine reads from node_modules at start (in the background), in bytes; 0 turns
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
   * How long a completion waits for the language service before the n-gram answer goes out alone; only
   * where the service can judge (after `.`, in an identifier, at a call's first argument). @default 25
   */
  embeddedLanguageServiceDeadlineMs: z.coerce.number().int().min(1).max(1_000).default(25),
}).refine((c) => c.maxSocketBufferBytes >= c.maxDocumentBytes, {
  path: ['maxSocketBufferBytes'],
  message: 'must be at least SPARKPAD_MAX_DOCUMENT_BYTES, or a full sync of a large document could never be sent',
});

export type Config = z.infer<typeof configSchema>;

/** Maps each setting to its environment variable. */
export const envNames = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'SPARKPAD_DATA_DIR',
  secret: 'SPARKPAD_SECRET',
  serveNext: 'SPARKPAD_SERVE_NEXT',
  maxMessageBytes: 'SPARKPAD_MAX_MESSAGE_BYTES',
  durabilityWindowMs: 'SPARKPAD_DURABILITY_WINDOW_MS',
  compactAfterUpdates: 'SPARKPAD_COMPACT_AFTER_UPDATES',
  storageRetryInitialMs: 'SPARKPAD_STORAGE_RETRY_INITIAL_MS',
  storageRetryMaxMs: 'SPARKPAD_STORAGE_RETRY_MAX_MS',
  versionEveryMs: 'SPARKPAD_VERSION_EVERY_MS',
  versionsHourlyAfterMs: 'SPARKPAD_VERSIONS_HOURLY_AFTER_MS',
  maxVersionsPerRoom: 'SPARKPAD_MAX_VERSIONS_PER_ROOM',
  restoreDiffBudgetMs: 'SPARKPAD_RESTORE_DIFF_BUDGET_MS',
  maxDocumentBytes: 'SPARKPAD_MAX_DOCUMENT_BYTES',
  maxFilesPerRoom: 'SPARKPAD_MAX_FILES_PER_ROOM',
  maxParkedUpdateBytes: 'SPARKPAD_MAX_PARKED_UPDATE_BYTES',
  maxParkedUpdateMs: 'SPARKPAD_MAX_PARKED_UPDATE_MS',
  maxAwarenessStateBytes: 'SPARKPAD_MAX_AWARENESS_STATE_BYTES',
  maxAwarenessUpdatesPerSecond: 'SPARKPAD_MAX_AWARENESS_UPDATES_PER_SECOND',
  maxPresenceBacklogBytes: 'SPARKPAD_MAX_PRESENCE_BACKLOG_BYTES',
  maxConnections: 'SPARKPAD_MAX_CONNECTIONS',
  maxConnectionsPerIp: 'SPARKPAD_MAX_CONNECTIONS_PER_IP',
  maxHandshakesPerIpPerMinute: 'SPARKPAD_MAX_HANDSHAKES_PER_IP_PER_MINUTE',
  heartbeatTimeoutMs: 'SPARKPAD_HEARTBEAT_TIMEOUT_MS',
  maxSocketBufferBytes: 'SPARKPAD_MAX_SOCKET_BUFFER_BYTES',
  closeTimeoutMs: 'SPARKPAD_CLOSE_TIMEOUT_MS',
  maxClientsPerRoom: 'SPARKPAD_MAX_CLIENTS_PER_ROOM',
  maxLoadedRooms: 'SPARKPAD_MAX_LOADED_ROOMS',
  databaseUrl: 'SPARKPAD_DATABASE_URL',
  databaseConnectTimeoutMs: 'SPARKPAD_DATABASE_CONNECT_TIMEOUT_MS',
  databaseStatementTimeoutMs: 'SPARKPAD_DATABASE_STATEMENT_TIMEOUT_MS',
  redisUrl: 'SPARKPAD_REDIS_URL',
  redisPrefix: 'SPARKPAD_REDIS_PREFIX',
  redisOfflineQueueBytes: 'SPARKPAD_REDIS_OFFLINE_QUEUE_BYTES',
  streamRetentionMs: 'SPARKPAD_STREAM_RETENTION_MS',
  sparkLeaseMs: 'SPARKPAD_SPARK_LEASE_MS',
  sparkUndoDepth: 'SPARKPAD_SPARK_UNDO_DEPTH',
  sparkUndoRetentionMs: 'SPARKPAD_SPARK_UNDO_RETENTION_MS',
  discover: 'SPARKPAD_DISCOVER',
  discoverTimeoutMs: 'SPARKPAD_DISCOVER_TIMEOUT_MS',
  discoverMaxResponseBytes: 'SPARKPAD_DISCOVER_MAX_RESPONSE_BYTES',
  discoverOllamaPort: 'SPARKPAD_DISCOVER_OLLAMA_PORT',
  discoverLlamaCppPort: 'SPARKPAD_DISCOVER_LLAMA_CPP_PORT',
  discoverLmStudioPort: 'SPARKPAD_DISCOVER_LM_STUDIO_PORT',
  discoverVllmPort: 'SPARKPAD_DISCOVER_VLLM_PORT',
  fastUrl: 'SPARKPAD_FAST_URL',
  fastModel: 'SPARKPAD_FAST_MODEL',
  fastKey: 'SPARKPAD_FAST_KEY',
  fastFormat: 'SPARKPAD_FAST_FORMAT',
  fastFirstTokenDeadlineMs: 'SPARKPAD_FAST_FIRST_TOKEN_DEADLINE_MS',
  fastStallTimeoutMs: 'SPARKPAD_FAST_STALL_TIMEOUT_MS',
  fastRequestDeadlineMs: 'SPARKPAD_FAST_REQUEST_DEADLINE_MS',
  deepUrl: 'SPARKPAD_DEEP_URL',
  deepModel: 'SPARKPAD_DEEP_MODEL',
  deepKey: 'SPARKPAD_DEEP_KEY',
  deepFormat: 'SPARKPAD_DEEP_FORMAT',
  deepFirstTokenDeadlineMs: 'SPARKPAD_DEEP_FIRST_TOKEN_DEADLINE_MS',
  deepStallTimeoutMs: 'SPARKPAD_DEEP_STALL_TIMEOUT_MS',
  deepRequestDeadlineMs: 'SPARKPAD_DEEP_REQUEST_DEADLINE_MS',
  aiMaxSseLineBytes: 'SPARKPAD_AI_MAX_SSE_LINE_BYTES',
  aiPromptBudgetTokens: 'SPARKPAD_AI_PROMPT_BUDGET_TOKENS',
  aiEditBudgetTokens: 'SPARKPAD_AI_EDIT_BUDGET_TOKENS',
  aiMaxCompletionTokens: 'SPARKPAD_AI_MAX_COMPLETION_TOKENS',
  aiEditDiffBudgetMs: 'SPARKPAD_AI_EDIT_DIFF_BUDGET_MS',
  aiMaxEditTokens: 'SPARKPAD_AI_MAX_EDIT_TOKENS',
  aiUserRequestsPerSecond: 'SPARKPAD_AI_USER_REQUESTS_PER_SECOND',
  aiUserRequestsPerMinute: 'SPARKPAD_AI_USER_REQUESTS_PER_MINUTE',
  aiRoomRequestsPerMinute: 'SPARKPAD_AI_ROOM_REQUESTS_PER_MINUTE',
  aiTierFailuresBeforeCooldown: 'SPARKPAD_AI_TIER_FAILURES_BEFORE_COOLDOWN',
  aiTierCooldownMs: 'SPARKPAD_AI_TIER_COOLDOWN_MS',
  aiCacheEntries: 'SPARKPAD_AI_CACHE_ENTRIES',
  aiFlightSlots: 'SPARKPAD_AI_FLIGHT_SLOTS',
  aiFlightIdleMs: 'SPARKPAD_AI_FLIGHT_IDLE_MS',
  aiPrefetch: 'SPARKPAD_AI_PREFETCH',
  embeddedCorpusBytes: 'SPARKPAD_EMBEDDED_CORPUS_BYTES',
  embeddedLanguageService: 'SPARKPAD_EMBEDDED_LANGUAGE_SERVICE',
  embeddedLanguageServiceDeadlineMs: 'SPARKPAD_EMBEDDED_LANGUAGE_SERVICE_DEADLINE_MS',
} as const satisfies Record<keyof Config, string>;

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, string | undefined> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof Config;
      return `  ${envNames[key] ?? key}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
