import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Server as SocketIOServer } from 'socket.io';
import { DistributionExtension } from './collab/extensions/distribution-extension';
import type { Extension } from './collab/core/hooks';
import { RedisDistributor } from './collab/distribution/redis-distributor';
import type { Storage } from './collab/storage/storage';

export interface ScaleOutOptions {
  redisUrl: string;
  redisPrefix: string;
  streamRetentionMs: number;
  storage: Storage;
  logger: Logger;
}

/** What running as one of several instances adds to the server (active when SPARKPAD_REDIS_URL is set). */
export interface ScaleOut {
  /** Room distribution, plus closing the socket.io adapter's connections at shutdown. */
  extensions: Extension[];
  /** Lets socket.io rooms and emits span instances, so an AI event reaches its user on any instance. */
  attach(io: SocketIOServer): void;
}

export function createRedisScaleOut(options: ScaleOutOptions): ScaleOut {
  const { redisUrl, redisPrefix, logger } = options;
  const distributor = new RedisDistributor({
    url: redisUrl,
    prefix: redisPrefix,
    retentionMs: options.streamRetentionMs,
    logger,
  });
  const socketAdapter = redisSocketAdapter(redisUrl, redisPrefix, logger);
  const closeAdapter: Extension = { name: 'socket.io-redis-adapter', onDestroy: socketAdapter.close };
  return {
    extensions: [new DistributionExtension(distributor, options.storage, logger), closeAdapter],
    attach: (io) => void io.adapter(socketAdapter.adapter),
  };
}

/** The socket.io Redis adapter on its own pair of connections (a subscriber cannot run other commands). */
export function redisSocketAdapter(redisUrl: string, redisPrefix: string, logger: Logger) {
  const pub = new Redis(redisUrl);
  const sub = pub.duplicate();
  for (const connection of [pub, sub]) {
    connection.on('error', (error) => logger.warn({ err: error.message }, 'socket.io redis adapter connection'));
  }
  return {
    adapter: createAdapter(pub, sub, { key: `${redisPrefix}socket.io` }),
    // disconnect, not quit: quit waits for a Redis that may be away, and nothing is left to flush.
    async close(): Promise<void> {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
