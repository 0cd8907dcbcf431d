/**
 * Spark undo records in Redis: one list per person in a room (`<prefix>spark-undo:<requester>`, the
 * requester naming the room), newest last, trimmed to the undo depth and expiring a while after that
 * person's last Spark edit. Any instance can pop and apply a record (undo-edit.ts).
 */
import type { Redis } from 'ioredis';
import { sparkEditRecordSchema, type SparkEditRecord } from './edit-record';
import type { SparkUndoLog } from './undo-log';

// Replaces the record with this id (newest first: a running edit is near the end), or appends it and
// trims the list to the undo depth; in one step, so an undo on another instance sees one or the other.
const SAVE = `
local items = redis.call('lrange', KEYS[1], 0, -1)
for i = #items, 1, -1 do
  local ok, kept = pcall(cjson.decode, items[i])
  if ok and type(kept) == 'table' and kept.id == ARGV[1] then
    redis.call('lset', KEYS[1], i - 1, ARGV[2])
    redis.call('pexpire', KEYS[1], ARGV[4])
    return 1
  end
end
redis.call('rpush', KEYS[1], ARGV[2])
redis.call('ltrim', KEYS[1], -tonumber(ARGV[3]), -1)
redis.call('pexpire', KEYS[1], ARGV[4])
return 0`;

export class RedisUndoLog implements SparkUndoLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly depth: number,
    private readonly retentionMs: number,
  ) {}

  async save(requester: string, record: SparkEditRecord): Promise<void> {
    await this.redis.eval(SAVE, 1, this.key(requester), record.id, JSON.stringify(record), this.depth, this.retentionMs);
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
