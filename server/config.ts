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
