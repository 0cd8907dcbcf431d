import path from 'node:path';
import { z } from 'zod';
import { aiSettings } from './ai-settings';
import { collabSettings } from './collab-settings';

/**
 * Every server setting, parsed once from the environment. Names carry their unit.
 * The fields live by area in collab-settings.ts and ai-settings.ts; the README's settings table is written
 * from their doc comments (scripts/settings-table.ts): change both together.
 */
export const configSchema = z.object({ ...collabSettings, ...aiSettings }).refine((c) => c.maxSocketBufferBytes >= c.maxDocumentBytes, {
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
  maxWritersPerRoom: 'SPARKPAD_MAX_WRITERS_PER_ROOM',
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
  aiMaxEditBlocks: 'SPARKPAD_AI_MAX_EDIT_BLOCKS',
  aiMaxEditBlockChars: 'SPARKPAD_AI_MAX_EDIT_BLOCK_CHARS',
  aiUserRequestsPerSecond: 'SPARKPAD_AI_USER_REQUESTS_PER_SECOND',
  aiUserRequestsPerMinute: 'SPARKPAD_AI_USER_REQUESTS_PER_MINUTE',
  aiRoomRequestsPerMinute: 'SPARKPAD_AI_ROOM_REQUESTS_PER_MINUTE',
  aiTierFailuresBeforeCooldown: 'SPARKPAD_AI_TIER_FAILURES_BEFORE_COOLDOWN',
  aiTierCooldownMs: 'SPARKPAD_AI_TIER_COOLDOWN_MS',
  aiCacheEntries: 'SPARKPAD_AI_CACHE_ENTRIES',
  aiFlightSlots: 'SPARKPAD_AI_FLIGHT_SLOTS',
  aiFlightIdleMs: 'SPARKPAD_AI_FLIGHT_IDLE_MS',
  aiNextEditMaxFollowUps: 'SPARKPAD_AI_NEXT_EDIT_MAX_FOLLOW_UPS',
  aiNextEditCatchUpMs: 'SPARKPAD_AI_NEXT_EDIT_CATCH_UP_MS',
  aiPrefetch: 'SPARKPAD_AI_PREFETCH',
  embeddedCorpusBytes: 'SPARKPAD_EMBEDDED_CORPUS_BYTES',
  embeddedLanguageService: 'SPARKPAD_EMBEDDED_LANGUAGE_SERVICE',
  embeddedLanguageServiceDeadlineMs: 'SPARKPAD_EMBEDDED_LANGUAGE_SERVICE_DEADLINE_MS',
  embeddedWorkerIdleMs: 'SPARKPAD_EMBEDDED_WORKER_IDLE_MS',
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
