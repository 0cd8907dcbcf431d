import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoomFeed, RoomMessage } from '../../server/collab/distribution/distributor';
import { RedisDistributor } from '../../server/collab/distribution/redis-distributor';
import { dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../helpers/redis';
import { randomRoomId } from '../helpers/sessions';

const prefix = testRedisPrefix();
const logger = pino({ level: 'silent' });

/** A feed that records what it gets and lets a test wait for a message. */
function recordingFeed() {
  const received: string[] = [];
  const waiters: (() => void)[] = [];
  let gaps = 0;
  const feed: RoomFeed = {
    onMessages(messages: RoomMessage[]) {
      for (const message of messages) received.push(`${message.kind}:${Buffer.from(message.data).toString()}`);
      waiters.splice(0).forEach((wake) => wake());
    },
    async onGap() {
      gaps++;
      waiters.splice(0).forEach((wake) => wake());
    },
  };
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { feed, received, until, gaps: () => gaps };
}

const update = (text: string): RoomMessage => ({ kind: 'update', data: Buffer.from(text) });

describe('RedisDistributor', () => {
  const distributors: RedisDistributor[] = [];
  const instance = () => {
    const distributor = new RedisDistributor({ url: TEST_REDIS_URL, prefix, retentionMs: 60_000, offlineQueueBytes: 8 * 1024 * 1024, logger });
    distributors.push(distributor);
    return distributor;
  };
  afterAll(async () => {
    await Promise.all(distributors.map((distributor) => distributor.close()));
    await dropRedisPrefix(prefix);
  });

  it('gives a late follower the retained backlog in order, then live messages', async () => {
    const [early, late] = [instance(), instance()];
    const room = randomRoomId();
    early.publish(room, update('1'));
    early.publish(room, { kind: 'awareness', data: Buffer.from('cursor') });
    early.publish(room, update('2'));
    const { feed, received, until } = recordingFeed();
    // The publishes above are queued on early's connection; a round trip there makes sure they landed.
    await (await early.follow(room, recordingFeed().feed)).stop();
    await late.follow(room, feed);
    expect(received).toEqual(['update:1', 'awareness:cursor', 'update:2']);
    early.publish(room, update('3'));
    await until(() => received.length === 4);
    expect(received[3]).toBe('update:3');
  });

  it('does not hand an instance back its own live messages', async () => {
    const [one, two] = [instance(), instance()];
    const room = randomRoomId();
    const mine = recordingFeed();
    const theirs = recordingFeed();
    await one.follow(room, mine.feed);
    await two.follow(room, theirs.feed);
    one.publish(room, update('from one'));
    two.publish(room, update('from two'));
    await mine.until(() => mine.received.length === 1);
    await theirs.until(() => theirs.received.length === 1);
    expect(mine.received).toEqual(['update:from two']);
    expect(theirs.received).toEqual(['update:from one']);
  });

  it('reloads from storage and continues where it was after its connection drops', async () => {
    const [reader, writer] = [instance(), instance()];
    const room = randomRoomId();
    const { feed, received, until, gaps } = recordingFeed();
    await reader.follow(room, feed);
    writer.publish(room, update('before'));
    await until(() => received.length === 1);

    const admin = new Redis(TEST_REDIS_URL);
    const clients = await admin.client('LIST');
    const id = /id=(\d+) .*name=(\S+)/g;
    const readers = [...String(clients).matchAll(id)].filter(([, , name]) => name!.startsWith(`${prefix}reader:`));
    for (const [, clientId] of readers) await admin.client('KILL', 'ID', clientId!);
    admin.disconnect();
    writer.publish(room, update('meanwhile'));

    // Resolving at all is the assertion: the reader noticed the cut, reloaded, and still got the message.
    await until(() => received.includes('update:meanwhile') && gaps() > 0);
    expect(received.filter((message) => message === 'update:before')).toHaveLength(1);
  });
});
