import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisDistributor } from '../../server/collab/distribution/redis-distributor';
import { startInProcess, until, type InProcessServer } from '../helpers/in-process-server';
import { dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../helpers/redis';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

const logger = pino({ level: 'silent' });
const redisTarget = () => {
  const url = new URL(TEST_REDIS_URL);
  return { host: url.hostname, port: Number(url.port || 6379) };
};

describe('a Redis outage', () => {
  const proxies: TcpProxy[] = [];
  const distributors: RedisDistributor[] = [];
  const servers: InProcessServer[] = [];
  const prefixes: string[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    for (const distributor of distributors.splice(0)) await distributor.close();
    for (const proxy of proxies.splice(0)) await proxy.close();
    for (const prefix of prefixes.splice(0)) await dropRedisPrefix(prefix);
  });

  it('holds at most the offline-queue bytes of publishes, and sends the newest when Redis is back', async () => {
    const proxy = await startTcpProxy(redisTarget());
    proxies.push(proxy);
    const prefix = testRedisPrefix();
    prefixes.push(prefix);
    const distributor = new RedisDistributor({
      url: `redis://127.0.0.1:${proxy.port}`,
      prefix,
      retentionMs: 60_000,
      offlineQueueBytes: 64 * 1024,
      logger,
    });
    distributors.push(distributor);
    await until('the distributor to connect', () => distributor.status().state === 'ready');

    proxy.cut();
    await until('the outage to be noticed', () => distributor.status().state === 'reconnecting');
    for (let i = 0; i < 1_000; i++) distributor.publish('room-a', { kind: 'update', data: new Uint8Array(1024).fill(i % 256) });
    const during = distributor.status();
    expect(during.queuedBytes).toBeLessThanOrEqual(64 * 1024);
    expect(during.dropped).toBeGreaterThan(900);

    const received: number[] = [];
    const watcher = new RedisDistributor({ url: TEST_REDIS_URL, prefix, retentionMs: 60_000, offlineQueueBytes: 1024, logger });
    distributors.push(watcher);
    await watcher.follow('room-a', {
      onMessages: (messages) => received.push(...messages.map((m) => m.data[0]!)),
      onGap: async () => {},
    });
    proxy.restore();
    await until('the newest publish to arrive', () => received.includes(999 % 256), 15_000);
    expect(distributor.status()).toMatchObject({ state: 'ready', queuedBytes: 0 });
  });

  it('shows as a named state in /api/health, which answers at once instead of hanging', async () => {
    const proxy = await startTcpProxy(redisTarget());
    proxies.push(proxy);
    const prefix = testRedisPrefix();
    prefixes.push(prefix);
    const server = await startInProcess({ env: { SPARKPAD_REDIS_URL: `redis://127.0.0.1:${proxy.port}`, SPARKPAD_REDIS_PREFIX: prefix } });
    servers.push(server);
    await until('redis ready', async () => (await server.health()).body.status === 'ok');
    proxy.cut();
    await until('the outage in health', async () => {
      const { body } = await server.health();
      return body.status === 'degraded' && (body.redis as { state: string }).state === 'reconnecting';
    });
    const started = performance.now();
    await server.health();
    expect(performance.now() - started).toBeLessThan(2_000);
    proxy.restore();
    await until('redis ready again', async () => (await server.health()).body.status === 'ok', 15_000);
  });
});
