import { Redis } from 'ioredis';
import { randomRoomId } from './sessions';

/** The local test Redis; override for another machine. */
export const TEST_REDIS_URL = process.env.SPARKPAD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own, so test files running in parallel never read each other's streams. */
export function testRedisPrefix(): string {
  return `sparkpad-test:${randomRoomId()}:`;
}

/** Deletes every key under a prefix. */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
