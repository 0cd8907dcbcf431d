import type { Logger } from 'pino';
import { DistributionExtension } from './collab/extensions';
import type { Extension } from './collab/core/hooks';
import { RedisDistributor, type RedisStatus } from './collab/distribution/redis-distributor';
import { RedisSparkCluster } from './ai/spark/redis-spark-cluster';
import type { SparkCluster } from './ai/spark/spark-cluster';
import type { Storage } from './collab/storage/storage';

export interface ScaleOutOptions {
  redisUrl: string;
  redisPrefix: string;
  streamRetentionMs: number;
  redisOfflineQueueBytes: number;
  sparkLeaseMs: number;
  sparkUndoDepth: number;
  sparkUndoRetentionMs: number;
  storage: Storage;
  logger: Logger;
}

/**
 * What running as one of several instances adds to the server (active when SPARKPAD_REDIS_URL is set):
 * room distribution through Redis Streams, and one Spark per room (a lease on Spark's place, its cursor
 * announced across instances, undo records in Redis). Spark's edits and chat travel in the room's document,
 * and every AI reply goes back on the socket that asked, so socket.io needs no adapter.
 */
export interface ScaleOut {
  extensions: Extension[];
  spark: SparkCluster;
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
    spark: new RedisSparkCluster({
      url: redisUrl,
      prefix: redisPrefix,
      leaseMs: options.sparkLeaseMs,
      undoDepth: options.sparkUndoDepth,
      undoRetentionMs: options.sparkUndoRetentionMs,
      logger,
    }),
    status: () => distributor.status(),
  };
}
