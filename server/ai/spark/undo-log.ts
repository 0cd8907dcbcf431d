/**
 * Each person's Spark edits, newest last, as records any instance can undo (edit-record.ts). One process
 * keeps them in memory; a cluster keeps them in Redis (redis-spark-cluster.ts), so an edit can be undone
 * after the instance that made it is gone.
 */
import type { SparkEditRecord } from './edit-record';

export interface SparkUndoLog {
  /** Adds the record as the requester's newest, or replaces the one with its id (a running edit grew). */
  save(requester: string, record: SparkEditRecord): Promise<void>;
  /** Takes the requester's newest record off the log; null when there is none. */
  pop(requester: string): Promise<SparkEditRecord | null>;
  /** Rewrites every record the requester has left (an undo moved text that older records name). */
  rewrite(requester: string, change: (record: SparkEditRecord) => SparkEditRecord): Promise<void>;
}

export class MemoryUndoLog implements SparkUndoLog {
  private readonly records = new Map<string, SparkEditRecord[]>();

  constructor(private readonly depth: number) {}

  async save(requester: string, record: SparkEditRecord): Promise<void> {
    const list = this.records.get(requester) ?? [];
    const at = list.findLastIndex((kept) => kept.id === record.id);
    if (at !== -1) return void (list[at] = record);
    list.push(record);
    if (list.length > this.depth) list.splice(0, list.length - this.depth);
    this.records.set(requester, list);
  }

  async pop(requester: string): Promise<SparkEditRecord | null> {
    return this.records.get(requester)?.pop() ?? null;
  }

  async rewrite(requester: string, change: (record: SparkEditRecord) => SparkEditRecord): Promise<void> {
    const list = this.records.get(requester);
    if (list) this.records.set(requester, list.map(change));
  }
}
