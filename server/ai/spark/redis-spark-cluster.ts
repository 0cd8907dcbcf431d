/**
 * Spark across instances over Redis (spark-cluster.ts says what is shared and why).
 * - Spark's place in a room is the key `<prefix>spark-lease:<room>`, set with NX and a time to live of
 *   the lease; its holder renews it every third of the lease, only while the value is still its own id.
 *   An instance that cannot renew in time steps down by itself, before the key can expire in Redis, so two
 *   instances never both show Spark. When the holder dies, the key expires and the next attempt of another
 *   instance serving the room takes it: within the lease plus a third of it.
 * - Where Spark is goes over pub/sub (`<prefix>spark-cursor`): presence is disposable, a lost move is
 *   replaced by the next one.
 * - Undo records go in Redis lists (redis-undo-log.ts).
 * - A decision on a proposal's hunk is the key `<prefix>spark-decided:<room>:<hunk key>`, set with NX:
 *   the one instance that sets it types the hunk. It outlives any delay in the document reaching the
 *   other instances (DECISION_TTL_MS).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { awarenessSelectionSchema } from '../../../lib/shared/protocol/awareness';
import { RedisUndoLog } from './redis-undo-log';
import type { SparkCluster, SparkRoomLink, SparkRoomMember, SparkSpot } from './spark-cluster';

/** How long a decision on a hunk is kept: far longer than a document update takes between instances. */
const DECISION_TTL_MS = 60 * 60_000;

export interface RedisSparkOptions {
  url: string;
  prefix: string;
  leaseMs: number;
  undoDepth: number;
  undoRetentionMs: number;
  logger: Logger;
}

interface Contender {
  member: SparkRoomMember;
  leading: boolean;
  /** Until when this instance may act as the holder without a successful renewal. */
  validUntil: number;
  /** A claim or renewal is on its way to Redis. */
  busy: boolean;
}

const moveSchema = z.object({
  from: z.string(),
  room: z.string().min(1).max(128),
  spot: z.object({ file: z.string().max(1024).nullable(), selection: awarenessSelectionSchema.nullable() }),
  editing: z.boolean(),
});

// Renew or release only a lease that is still ours: after a pause longer than the lease, another
// instance may hold it.
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export class RedisSparkCluster implements SparkCluster {
  private readonly instanceId = randomUUID();
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly rooms = new Map<string, Contender>();
  private readonly undo: RedisUndoLog;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: RedisSparkOptions) {
    const attemptMs = Math.floor(options.leaseMs / 3);
    // No offline queue: a claim or renewal that cannot be sent now fails now, and the lease logic decides.
    this.commands = new Redis(options.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: attemptMs });
    this.subscriber = new Redis(options.url, { maxRetriesPerRequest: null });
    for (const connection of [this.commands, this.subscriber]) {
      connection.on('error', (error) => options.logger.warn({ err: error.message }, 'spark cluster connection'));
    }
    this.channel = `${options.prefix}spark-cursor`;
    this.subscriber.subscribe(this.channel).catch((error: Error) => options.logger.warn({ err: error.message }, 'spark cursor subscribe'));
    this.subscriber.on('message', (_channel: string, text: string) => this.onMove(text));
    this.undo = new RedisUndoLog(this.commands, options.prefix, options.undoDepth, options.undoRetentionMs);
    const contendAll = () => {
      for (const [roomId, contender] of this.rooms) void this.contend(roomId, contender);
    };
    this.timer = setInterval(contendAll, attemptMs);
    this.timer.unref();
    // Claims made before the connection was up failed at once: try again as soon as it is.
    this.commands.on('ready', contendAll);
  }

  join(roomId: string, member: SparkRoomMember): SparkRoomLink {
    const contender: Contender = { member, leading: false, validUntil: 0, busy: false };
    this.rooms.set(roomId, contender);
    void this.contend(roomId, contender);
    return {
      announce: (spot, editing) => this.announce(roomId, spot, editing),
      undo: this.undo,
      firstToDecide: async (key) =>
        (await this.commands.set(`${this.options.prefix}spark-decided:${roomId}:${key}`, this.instanceId, 'PX', DECISION_TTL_MS, 'NX')) === 'OK',
      leave: () => {
        if (this.rooms.get(roomId) !== contender) return;
        this.rooms.delete(roomId);
        if (contender.leading) void this.commands.eval(RELEASE, 1, this.leaseKey(roomId), this.instanceId).catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    const held = [...this.rooms].filter(([, contender]) => contender.leading).map(([roomId]) => roomId);
    this.rooms.clear();
    await Promise.all(held.map((roomId) => this.commands.eval(RELEASE, 1, this.leaseKey(roomId), this.instanceId).catch(() => undefined)));
    // Releases sent by peers that just left go out before the connection does; never wait long for Redis.
    await Promise.race([this.commands.quit().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000))]);
    this.commands.disconnect();
    this.subscriber.disconnect();
  }

  private leaseKey(roomId: string): string {
    return `${this.options.prefix}spark-lease:${roomId}`;
  }

  private async contend(roomId: string, contender: Contender): Promise<void> {
    if (contender.leading && Date.now() >= contender.validUntil) this.stepDown(contender);
    if (contender.busy) return;
    contender.busy = true;
    const sentAt = Date.now();
    const { leaseMs } = this.options;
    try {
      if (contender.leading) {
        const renewed = await this.commands.eval(RENEW, 1, this.leaseKey(roomId), this.instanceId, leaseMs);
        if (renewed === 1) contender.validUntil = sentAt + leaseMs;
        else this.stepDown(contender);
      } else {
        const claimed = await this.commands.set(this.leaseKey(roomId), this.instanceId, 'PX', leaseMs, 'NX');
        if (claimed === 'OK' && this.rooms.get(roomId) !== contender) {
          // The peer left while the claim was on its way: free the place again.
          await this.commands.eval(RELEASE, 1, this.leaseKey(roomId), this.instanceId);
        } else if (claimed === 'OK') {
          contender.leading = true;
          contender.validUntil = sentAt + leaseMs;
          contender.member.leading(true);
        }
      }
    } catch {
      // Redis is away or slow: a holder keeps its place until validUntil, then steps down (above).
    } finally {
      contender.busy = false;
    }
  }

  private stepDown(contender: Contender): void {
    if (!contender.leading) return;
    contender.leading = false;
    contender.member.leading(false);
  }

  private announce(roomId: string, spot: SparkSpot, editing: boolean): void {
    const message = JSON.stringify({ from: this.instanceId, room: roomId, spot, editing });
    void this.commands.publish(this.channel, message).catch(() => undefined);
  }

  private onMove(text: string): void {
    let parsed;
    try {
      parsed = moveSchema.safeParse(JSON.parse(text));
    } catch {
      return;
    }
    if (!parsed.success || parsed.data.from === this.instanceId) return;
    this.rooms.get(parsed.data.room)?.member.moved(parsed.data.spot, parsed.data.editing);
  }
}
