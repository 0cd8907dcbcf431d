import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Server as SocketIOServer } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { redisSocketAdapter } from '../../server/scale-out';
import { dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../helpers/redis';

const logger = pino({ level: 'silent' });
const prefix = testRedisPrefix();

/** A socket.io server on port 0 with the same Redis adapter the Sparkpad server attaches. */
async function startIo() {
  const server = http.createServer();
  const io = new SocketIOServer(server, { path: '/socket.io' });
  const adapter = redisSocketAdapter(TEST_REDIS_URL, prefix, logger);
  io.adapter(adapter.adapter);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    io,
    url: `http://127.0.0.1:${port}`,
    async close() {
      io.close();
      await adapter.close();
    },
  };
}

describe('socket.io across instances', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await dropRedisPrefix(prefix);
  });

  it('delivers an event emitted on one instance to a user connected to another', async () => {
    const [one, two] = [await startIo(), await startIo()];
    closers.push(one.close, two.close);
    one.io.on('connection', (socket) => void socket.join('room-a'));
    const client: Socket = connect(one.url, { path: '/socket.io', transports: ['websocket'] });
    closers.push(() => void client.close());
    const received = new Promise((resolve) => client.on('spark', resolve));
    await new Promise<void>((resolve) => client.on('connect', resolve));

    // Instance two sees the socket that lives on instance one, then reaches it through its room.
    expect(await two.io.in('room-a').fetchSockets()).toHaveLength(1);
    two.io.to('room-a').emit('spark', { chunk: 'hello' });
    expect(await received).toEqual({ chunk: 'hello' });
  });
});
