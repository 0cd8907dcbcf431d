import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Distributor, Following, RoomFeed, RoomMessage } from './distributor';
import { decodeFields, entryFields, isAfter, type StreamEntry } from './stream-entries';

export interface RedisDistributorOptions {
  url: string;
  /** Prefix of every key, so deployments (and parallel test files) sharing a Redis never meet. */
  prefix: string;
  /** How long stream entries are kept; must be far longer than the durability window. */
  retentionMs: number;
  /** Bytes of publishes held while Redis is away; past it the oldest are dropped (peers resync from storage). */
  offlineQueueBytes: number;
  logger: Logger;
}

/** How this instance's link to Redis is, for /api/health. */
export interface RedisStatus {
  state: 'connecting' | 'ready' | 'reconnecting';
  /** When the current state began (ms since epoch). */
  since: number;
  queuedBytes: number;
  /** Publishes dropped from a full offline queue during this outage. */
  dropped: number;
}

interface QueuedPublish {
  key: string;
  fields: Array<string | Buffer>;
  bytes: number;
}

interface Follower {
  key: string;
  feed: RoomFeed;
  /** Last stream id delivered; XREAD continues after it. */
  lastId: string;
}

const BACKLOG_PAGE = 1000;
// Bounds how long the reader goes without looking at its state: after a reconnect, ioredis resends the
// blocked read, and the resync it calls for starts when that read returns. One idle round trip per 10 s.
const BLOCK_MS = 10_000;

/**
 * Rooms over Redis Streams, one stream per room. Streams rather than pub/sub because a stream is a log with
 * positions: an instance that joins late reads storage and then the retained stream, one that was cut off
 * continues from the last id it saw, and publishing never depends on who listens at that moment. Pub/sub
 * drops whatever is sent while a subscriber is away.
 *
 * One reader connection runs a single blocking XREAD over every followed room plus this instance's control
 * stream; following a room writes to the control stream to wake the reader with the new set of keys
 * (race-free, unlike CLIENT UNBLOCK, because the reader reads the control stream from its last position).
 */
export class RedisDistributor implements Distributor {
  private readonly instanceId = randomUUID();
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly followers = new Map<string, Follower>();
  private readonly controlKey: string;
  private controlId = '0-0';
  /** Set when the reader's connection dropped: entries may have been trimmed meanwhile. */
  private interrupted = false;
  private closed = false;
  private readonly closing: Promise<null>;
  private resolveClosing!: (value: null) => void;
  private readonly loop: Promise<void>;
  private link: RedisStatus = { state: 'connecting', since: Date.now(), queuedBytes: 0, dropped: 0 };
  /** Publishes made while Redis is away, in order, within `offlineQueueBytes`. */
  private readonly offline: QueuedPublish[] = [];

  constructor(private readonly options: RedisDistributorOptions) {
    // No per-command retry limit for the few commands that wait for Redis (follow, wake); publishes do not
    // go to ioredis's unbounded offline queue while Redis is away, they wait in our bounded one.
    this.writer = new Redis(options.url, { maxRetriesPerRequest: null, enableAutoPipelining: true });
    this.writer.on('ready', () => this.onReady());
    this.writer.on('close', () => {
      if (this.link.state === 'ready') this.link = { ...this.link, state: 'reconnecting', since: Date.now() };
    });
    // Named so `CLIENT LIST` shows which instance reads (and tests can cut exactly this connection).
    this.reader = new Redis(options.url, {
      maxRetriesPerRequest: null,
      connectionName: `${options.prefix}reader:${this.instanceId}`,
    });
    for (const connection of [this.writer, this.reader]) {
      connection.on('error', (error) => options.logger.warn({ err: error.message }, 'redis distributor connection'));
    }
    this.reader.on('close', () => (this.interrupted = !this.closed));
    this.controlKey = `${options.prefix}control:${this.instanceId}`;
    this.closing = new Promise((resolve) => (this.resolveClosing = resolve));
    this.loop = this.read();
  }

  status(): RedisStatus {
    return { ...this.link };
  }

  publish(roomId: string, message: RoomMessage): void {
    const key = this.roomKey(roomId);
    const fields = entryFields(this.instanceId, message);
    if (this.link.state === 'ready') return this.send(key, fields);
    // Redis is away: hold the newest publishes only. Peers lost their link too and resync from storage,
    // which has every edit, so what is dropped here is only a faster path to them.
    const queued = { key, fields, bytes: message.data.byteLength + 64 };
    this.offline.push(queued);
    this.link.queuedBytes += queued.bytes;
    while (this.link.queuedBytes > this.options.offlineQueueBytes && this.offline.length > 0) {
      this.link.queuedBytes -= this.offline.shift()!.bytes;
      this.link.dropped++;
    }
  }

  private send(key: string, fields: Array<string | Buffer>): void {
    // Stream ids are Redis's clock in ms; MINID trims by age. Clock skew between us and Redis only shifts
    // retention by the skew, which the retention dwarfs. `~` lets Redis trim whole nodes, cheaply.
    const minId = Math.max(0, Date.now() - this.options.retentionMs);
    this.writer.xadd(key, 'MINID', '~', minId, '*', ...fields).catch(this.failed('publish'));
    // A room nobody edits disappears from Redis on its own.
    this.writer.pexpire(key, this.options.retentionMs).catch(this.failed('expire'));
  }

  private onReady(): void {
    if (this.link.state !== 'ready' && this.link.dropped > 0) {
      this.options.logger.warn({ dropped: this.link.dropped }, 'redis back: publishes dropped from the full offline queue');
    }
    this.link = { state: 'ready', since: Date.now(), queuedBytes: 0, dropped: 0 };
    for (const queued of this.offline.splice(0)) this.send(queued.key, queued.fields);
  }

  async follow(roomId: string, feed: RoomFeed): Promise<Following> {
    const follower: Follower = { key: this.roomKey(roomId), feed, lastId: '0-0' };
    await this.deliverBacklog(follower);
    this.followers.set(follower.key, follower);
    await this.wakeReader();
    return {
      stop: () => {
        if (this.followers.get(follower.key) === follower) this.followers.delete(follower.key);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.resolveClosing(null);
    this.reader.disconnect();
    // The loop stops at its next step; a resync waiting on a Redis that is away must not hold the shutdown.
    await Promise.race([this.loop, delay(1_000)]);
    // Redis may be away: tidy up if it answers soon, never hold the shutdown for it.
    const tidy = this.writer.del(this.controlKey).then(() => this.writer.quit());
    await Promise.race([tidy.catch(() => {}), delay(2_000)]);
    this.writer.disconnect();
  }

  private roomKey(roomId: string): string {
    return `${this.options.prefix}room:${roomId}`;
  }

  /** What the stream retains after the follower's position (all of it at first), in pages. */
  private async deliverBacklog(follower: Follower): Promise<void> {
    let start = follower.lastId === '0-0' ? '-' : `(${follower.lastId}`;
    for (;;) {
      const page = (await this.writer.xrangeBuffer(follower.key, start, '+', 'COUNT', BACKLOG_PAGE)) as StreamEntry[];
      // Our own earlier messages count here: this room may have been unloaded and reloaded since.
      this.deliver(follower, page, true);
      if (page.length < BACKLOG_PAGE) return;
      start = `(${follower.lastId}`;
    }
  }

  private async wakeReader(): Promise<void> {
    await this.writer.xadd(this.controlKey, 'MAXLEN', 1, '*', 'wake', '1');
    await this.writer.pexpire(this.controlKey, this.options.retentionMs);
  }

  private async read(): Promise<void> {
    while (!this.closed) {
      if (this.interrupted) await this.resyncAll();
      const followers = [...this.followers.values()];
      const keys = [this.controlKey, ...followers.map((f) => f.key)];
      const ids = [this.controlId, ...followers.map((f) => f.lastId)];
      let reply: [Buffer, StreamEntry[]][] | null;
      try {
        const pending = this.reader.xreadBuffer('COUNT', 500, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...ids);
        // A read issued while the connection waits to reconnect never settles if we disconnect then (ioredis
        // has no socket left to close), so closing must not wait for it.
        pending.catch(() => {});
        reply = (await Promise.race([pending, this.closing])) as [Buffer, StreamEntry[]][] | null;
      } catch (error) {
        if (this.closed) return;
        this.failed('read')(error);
        this.interrupted = true;
        await delay(250);
        continue;
      }
      for (const [keyBytes, entries] of reply ?? []) {
        const key = keyBytes.toString();
        if (key === this.controlKey) this.controlId = entries[entries.length - 1]![0].toString();
        const follower = this.followers.get(key);
        if (follower) this.deliver(follower, entries, false);
      }
    }
  }

  /** After a lost connection we cannot prove nothing was trimmed, so every room starts over from storage. */
  private async resyncAll(): Promise<void> {
    this.interrupted = false;
    for (const follower of [...this.followers.values()]) {
      try {
        await follower.feed.onGap();
        await this.deliverBacklog(follower);
      } catch (error) {
        this.failed('resync')(error);
        this.interrupted = true;
      }
    }
    if (this.interrupted) await delay(250);
  }

  private deliver(follower: Follower, entries: StreamEntry[], includeOwn: boolean): void {
    const messages: RoomMessage[] = [];
    for (const [idBytes, fields] of entries) {
      const id = idBytes.toString();
      // A reply read before a re-follow may repeat entries the backlog already gave: skip them.
      if (!isAfter(id, follower.lastId)) continue;
      follower.lastId = id;
      const entry = decodeFields(fields);
      if (!includeOwn && entry.from === this.instanceId) continue;
      if ((entry.kind === 'update' || entry.kind === 'awareness') && entry.data) {
        messages.push({ kind: entry.kind, data: new Uint8Array(entry.data) });
      }
    }
    if (messages.length === 0) return;
    try {
      follower.feed.onMessages(messages);
    } catch (error) {
      this.failed('apply')(error);
    }
  }

  private failed(what: string) {
    return (error: unknown) => {
      if (!this.closed) this.options.logger.error({ err: error, what }, 'redis distributor failed');
    };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
