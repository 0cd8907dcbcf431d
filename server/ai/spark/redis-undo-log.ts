/**
 * Spark undo records in Redis: one list per person in a room (`<prefix>spark-undo:<requester>`, the
 * requester naming the room), newest last, trimmed to the undo depth and expiring a while after that
 * person's last Spark edit. Any instance can pop and apply a record (undo-edit.ts).
 */
import type { Redis } from 'ioredis';
import { sparkEditRecordSchema, type SparkEditRecord } from './edit-record';
import type { SparkUndoLog } from './undo-log';

export class RedisUndoLog implements SparkUndoLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly depth: number,
    private readonly retentionMs: number,
  ) {}

  async push(requester: string, record: SparkEditRecord): Promise<void> {
    const key = this.key(requester);
    await this.redis.multi().rpush(key, JSON.stringify(record)).ltrim(key, -this.depth, -1).pexpire(key, this.retentionMs).exec();
  }

  async pop(requester: string): Promise<SparkEditRecord | null> {
    const text = await this.redis.rpop(this.key(requester));
    return text === null ? null : parse(text);
  }

  async rewrite(requester: string, change: (record: SparkEditRecord) => SparkEditRecord): Promise<void> {
    const key = this.key(requester);
    const texts = await this.redis.lrange(key, 0, -1);
    if (texts.length === 0) return;
    const records = texts.map(parse).filter((record): record is SparkEditRecord => record !== null);
    const rewritten = records.map((record) => JSON.stringify(change(record)));
    const multi = this.redis.multi().del(key);
    if (rewritten.length > 0) multi.rpush(key, ...rewritten).pexpire(key, this.retentionMs);
    await multi.exec();
  }

  private key(requester: string): string {
    return `${this.prefix}spark-undo:${requester}`;
  }
}

/** A record another instance wrote; one that does not parse is skipped rather than applied. */
function parse(text: string): SparkEditRecord | null {
  try {
    const parsed = sparkEditRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
