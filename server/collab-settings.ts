import { z } from 'zod';

/**
 * The settings of the collaboration server: network, storage, document and connection limits, history,
 * scale-out. Part of the one settings schema in config.ts; the README's settings table is written from
 * the doc comments here, so each says its meaning, its unit and `@default`.
 */
export const collabSettings = {
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
  /** Yjs clients (a tab each) a loaded room keeps a name and colour for, to show who wrote each line; past it the one seen longest ago goes. @default 256 */
  maxWritersPerRoom: z.coerce.number().int().min(1).default(256),
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
};
