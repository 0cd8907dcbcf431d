import http from 'node:http';
import { createRequire } from 'node:module';
import { Server as SocketIOServer } from 'socket.io';
import type { Config } from './config';
import { createSparkAi } from './ai/ai-service';
import { discoverLocalModel } from './ai/discovery/discover-local-model';
import { attachAiSocketHandlers } from './ai/socket-handlers';
import { SingleInstanceSpark } from './ai/spark/spark-cluster';
import { AuthExtension, linkAccess } from './auth/auth-extension';
import { IdentitySigner } from './auth/identity';
import type { LinkRotations } from './auth/link-rotations';
import { LiveGrants } from './auth/live-grants';
import { loadOrCreateSecret } from './auth/secret';
import { TokenSigner } from './auth/tokens';
import { HookChain, type Extension } from './collab/core/hooks';
import { DocumentShapeExtension, LimitsExtension, PersistenceExtension, ServerWrittenExtension } from './collab/extensions';
import { RoomRegistry } from './collab/core/room-registry';
import { SessionLinks } from './collab/storage/session-links';
import { openStorage } from './collab/storage/open-storage';
import type { Storage } from './collab/storage/storage';
import { YjsEndpoint } from './collab/core/yjs-endpoint';
import type { HealthSources } from './health';
import { logger } from './logger';
import { CollabMetrics } from './metrics';
import { serveOpsRoute } from './ops-routes';
import { handleHistoryApi } from './http/history-api';
import { createNextHandler } from './http/next-pages';
import { handleOpeningApi } from './http/opening-api';
import { handleRoomDefaultsApi } from './http/room-defaults-api';
import { handleSessionsApi } from './http/sessions-api';
import { handleWorkspaceExchange } from './http/workspace-exchange-api';
import { createHistory } from './history/create-history';
import { publishServices, type SparkpadServices } from './services';

const version: string = createRequire(import.meta.url)('../package.json').version;

export interface SparkpadServer {
  http: http.Server;
  io: SocketIOServer;
  rooms: RoomRegistry;
  storage: Storage;
  signer: TokenSigner;
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** Components a caller may provide instead of the ones the settings name (tests hand in a faulty storage). */
export interface ServerParts {
  storage?: Storage;
}

/** Assembles the one-port server: Next pages, the Yjs endpoint and socket.io. */
export async function createSparkpadServer(config: Config, parts: ServerParts = {}): Promise<SparkpadServer> {
  const storage = parts.storage ?? (await openStorage(config));
  const secret = loadOrCreateSecret(config.dataDir, config.secret);
  const signer = new TokenSigner(secret);
  const identities = new IdentitySigner(secret);
  const grants = new LiveGrants();
  const access = linkAccess(signer, storage);
  const persistence = new PersistenceExtension({
    storage,
    durabilityWindowMs: config.durabilityWindowMs,
    compactAfterUpdates: config.compactAfterUpdates,
    retryInitialMs: config.storageRetryInitialMs,
    retryMaxMs: config.storageRetryMaxMs,
    logger,
    counters: { storageFailed: (operation) => metrics.storageFailed(operation) },
  });
  const limits = new LimitsExtension({
    maxDocumentBytes: config.maxDocumentBytes,
    maxFilesPerRoom: config.maxFilesPerRoom,
  });
  const history = createHistory(config, { storage, rooms: () => rooms, identities, access, logger });
  const extensions: Extension[] = [
    new AuthExtension(access, identities),
    limits,
    new DocumentShapeExtension(),
    new ServerWrittenExtension(),
    history.extension,
    persistence,
  ];
  // With SPARKPAD_REDIS_URL, rooms span instances; Redis's client is loaded only then, as PostgreSQL's is
  // (about 13 MB resident between them, never held by a single instance on SQLite).
  const scaleOut = config.redisUrl
    ? (await import('./scale-out')).createRedisScaleOut({
        redisUrl: config.redisUrl,
        redisPrefix: config.redisPrefix,
        streamRetentionMs: config.streamRetentionMs,
        redisOfflineQueueBytes: config.redisOfflineQueueBytes,
        sparkLeaseMs: config.sparkLeaseMs,
        sparkUndoDepth: config.sparkUndoDepth,
        sparkUndoRetentionMs: config.sparkUndoRetentionMs,
        storage,
        logger,
      })
    : null;
  extensions.push(...(scaleOut?.extensions ?? []));
  // Every instance closes what a rotation cut off, wherever the rotation was asked for.
  const rotations: LinkRotations | null = config.redisUrl
    ? new (await import('./auth/link-rotations')).RedisLinkRotations(
        config.redisUrl,
        config.redisPrefix,
        {
          rotated: (room, generation) => void grants.revoke(room, generation),
          resync: () => void grants.recheck(storage).catch((error: Error) => logger.warn({ err: error.message }, 'link recheck failed')),
        },
        logger,
      )
    : null;
  const hooks = new HookChain(extensions);
  const rooms = new RoomRegistry(hooks, {
    retryInitialMs: config.storageRetryInitialMs,
    retryMaxMs: config.storageRetryMaxMs,
    maxParkedUpdateBytes: config.maxParkedUpdateBytes,
    maxParkedUpdateMs: config.maxParkedUpdateMs,
    maxAwarenessStateBytes: config.maxAwarenessStateBytes,
    maxAwarenessUpdatesPerSecond: config.maxAwarenessUpdatesPerSecond,
    maxPresenceBacklogBytes: config.maxPresenceBacklogBytes,
    logger,
  });
  let endpoint: YjsEndpoint | null = null;
  const metrics = new CollabMetrics({
    connections: () => endpoint?.connectionCount ?? 0,
    rooms: () => rooms.loadedCount,
    unsavedRooms: () => persistence.status().unsavedRooms,
  });
  endpoint = new YjsEndpoint({
    hooks,
    rooms,
    grants,
    counters: metrics,
    logger,
    maxMessageBytes: config.maxMessageBytes,
    maxConnections: config.maxConnections,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    maxHandshakesPerIpPerMinute: config.maxHandshakesPerIpPerMinute,
    maxClientsPerRoom: config.maxClientsPerRoom,
    maxLoadedRooms: config.maxLoadedRooms,
    heartbeatTimeoutMs: config.heartbeatTimeoutMs,
    maxSocketBufferBytes: config.maxSocketBufferBytes,
    closeTimeoutMs: config.closeTimeoutMs,
  });
  const links = new SessionLinks(storage, signer);

  const sessionsApi = {
    links,
    identities,
    access,
    rotated: (room: string, generation: number) => {
      // Cut off here at once; the other instances hear it over Redis.
      grants.revoke(room, generation);
      rotations?.announce(room, generation);
    },
  };
  const exchange = {
    links,
    rooms,
    limits: { maxFiles: config.maxFilesPerRoom, maxBytes: config.maxDocumentBytes },
    access: sessionsApi.access,
  };
  // A setting names the model; otherwise one already running on this machine is looked for, once.
  const ai = createSparkAi(config, { registry: metrics.registry, found: await discoverLocalModel(config, logger) });
  const health: HealthSources = {
    version,
    startedAt: Date.now(),
    storage: () => persistence.status(),
    redis: scaleOut ? () => scaleOut.status() : undefined,
    ai: () => ({ model: ai.model, fast: ai.tiers.fast.label, deep: ai.tiers.deep.label }),
  };
  const services: SparkpadServices = {
    config,
    version,
    startedAt: health.startedAt,
    metrics: metrics.registry,
  };
  publishServices(services);

  const nextHandler = config.serveNext ? await createNextHandler() : null;
  // No Nagle on any connection (Node's default, said here): a suggestion's small frames leave at once.
  const server = http.createServer({ noDelay: true }, (req, res) => {
    if (serveOpsRoute(health, metrics.registry, req, res)) return;
    if (handleWorkspaceExchange(req, res, exchange)) return;
    if (handleSessionsApi(req, res, sessionsApi)) return;
    if (handleRoomDefaultsApi(req, res, { storage, access })) return;
    if (handleOpeningApi(req, res, { rooms, access })) return;
    if (handleHistoryApi(req, res, history.api)) return;
    if (nextHandler) return void nextHandler(req, res);
    res.statusCode = 404;
    res.end('pages are not served (SPARKPAD_SERVE_NEXT=false)');
  });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    endpoint.handleUpgrade(request, socket, head);
    // Other paths: socket.io's own upgrade listener, or Next's (HMR in dev), handle them.
  });
  const io = new SocketIOServer(server, {
    path: '/socket.io',
    // Websocket only, as the page connects: no long-polling session to open and upgrade. Messages are a
    // few hundred bytes of keystroke context, where compressing costs more time than the bytes it saves.
    transports: ['websocket'],
    perMessageDeflate: false,
    maxHttpBufferSize: config.maxMessageBytes,
    // The same heartbeat as /yjs: a peer that stops answering is dropped within two intervals.
    pingInterval: config.heartbeatTimeoutMs,
    pingTimeout: config.heartbeatTimeoutMs,
  });
  const aiSockets = attachAiSocketHandlers(io, {
    router: ai.router,
    authenticate: (payload) => hooks.authenticate(payload),
    grants,
    rooms,
    checkpoint: (room, label) => void history.service.takeQuietly(room, 'checkpoint', label),
    spark: scaleOut?.spark ?? new SingleInstanceSpark(config.sparkUndoDepth),
    metrics: ai.metrics,
    proposalReviewers: async (roomId) => (await storage.loadRoomDefaults(roomId)).proposalReviewers ?? 'asker',
  });

  return {
    http: server,
    io,
    rooms,
    storage,
    signer,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : config.port);
        });
      }),
    async close() {
      endpoint.closeAll('SERVER_SHUTTING_DOWN');
      await aiSockets.close();
      ai.close();
      io.close();
      await rotations?.close();
      await rooms.closeAll();
      await hooks.run('onDestroy', {});
      await storage.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
