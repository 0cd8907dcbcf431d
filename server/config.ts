import path from 'node:path';
import { z } from 'zod';

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
  /** Largest document (bytes of Yjs updates) a room may grow to. @default 10485760 */
  maxDocumentBytes: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  /** Files a room may hold. @default 200 */
  maxFilesPerRoom: z.coerce.number().int().min(1).default(200),
  /** Open Yjs connections the server accepts before refusing new ones. @default 2000 */
  maxConnections: z.coerce.number().int().min(1).default(2000),
  /** Connections one room accepts. @default 50 */
  maxClientsPerRoom: z.coerce.number().int().min(1).default(50),
  /** Rooms held in memory at once; a connection to an unloaded room past it is refused. @default 1000 */
  maxLoadedRooms: z.coerce.number().int().min(1).default(1000),
  // --- Scale out (issue 6): with neither URL set, Sparkpad is one embedded instance. ---
  /** PostgreSQL for rooms and documents instead of SQLite, e.g. postgres://user@host:5432/db. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Redis carrying room updates, presence and socket.io events between instances, e.g. redis://host:6379. */
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** Prefix of every Redis key and channel; deployments sharing one Redis need distinct ones. @default sparkpad: */
  redisPrefix: z.string().min(1).default('sparkpad:'),
  /**
   * How long a room's Redis stream keeps updates. A joining instance reads storage, then this much stream,
   * so it must be far longer than the durability window. @default 60000
   */
  streamRetentionMs: z.coerce.number().int().min(1_000).default(60_000),
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
  maxDocumentBytes: 'SPARKPAD_MAX_DOCUMENT_BYTES',
  maxFilesPerRoom: 'SPARKPAD_MAX_FILES_PER_ROOM',
  maxConnections: 'SPARKPAD_MAX_CONNECTIONS',
  maxClientsPerRoom: 'SPARKPAD_MAX_CLIENTS_PER_ROOM',
  maxLoadedRooms: 'SPARKPAD_MAX_LOADED_ROOMS',
  databaseUrl: 'SPARKPAD_DATABASE_URL',
  redisUrl: 'SPARKPAD_REDIS_URL',
  redisPrefix: 'SPARKPAD_REDIS_PREFIX',
  streamRetentionMs: 'SPARKPAD_STREAM_RETENTION_MS',
} as const satisfies Record<keyof Config, string>;

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
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
