import type { Logger } from 'pino';
import { DistributionExtension } from './collab/extensions';
import type { Extension } from './collab/core/hooks';
import { RedisDistributor, type RedisStatus } from './collab/distribution/redis-distributor';
import type { Storage } from './collab/storage/storage';

export interface ScaleOutOptions {
  redisUrl: string;
  redisPrefix: string;
  streamRetentionMs: number;
  redisOfflineQueueBytes: number;
  storage: Storage;
  logger: Logger;
}

/**
 * What running as one of several instances adds to the server (active when SPARKPAD_REDIS_URL is set):
 * room distribution through Redis Streams. That is all that needs to cross instances: Spark's edits, chat
 * and presence travel in the room's document and awareness, and every AI reply goes back on the socket
 * that asked, so socket.io needs no adapter.
 */
export interface ScaleOut {
  extensions: Extension[];
  /** The link to Redis, for /api/health. */
  status(): RedisStatus;
}

export function createRedisScaleOut(options: ScaleOutOptions): ScaleOut {
  const { redisUrl, redisPrefix, logger } = options;
  const distributor = new RedisDistributor({
    url: redisUrl,
    prefix: redisPrefix,
    retentionMs: options.streamRetentionMs,
    offlineQueueBytes: options.redisOfflineQueueBytes,
    logger,
  });
  return {
    extensions: [new DistributionExtension(distributor, options.storage, logger)],
    status: () => distributor.status(),
  };
}
