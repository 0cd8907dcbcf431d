import * as Y from 'yjs';
import { MAX_RUNS, runsOf } from '../../../../lib/shared/document/run-log';
import type { SparkRoom } from '../spark-room';

/**
 * Who ran each run, by the identity the server verified for the connection that wrote its record (a
 * record's `by` is a display name the browser wrote, not an identity). Runs recorded before Spark joined
 * the room, or through another instance, have no known runner.
 */
export class RunWriters {
  private readonly runners = new Map<string, string>();
  private readonly runs: Y.Array<unknown>;

  constructor(private readonly room: SparkRoom) {
    this.runs = runsOf(room.doc);
    this.runs.observe(this.onChange);
  }

  runnerOf(runId: string): string | null {
    return this.runners.get(runId) ?? null;
  }

  destroy(): void {
    this.runs.unobserve(this.onChange);
  }

  private readonly onChange = (event: Y.YArrayEvent<unknown>): void => {
    const writer = this.room.writerOf?.(event.transaction.origin) ?? null;
    if (writer === null) return;
    for (const item of event.changes.added) {
      for (const record of item.content.getContent()) {
        const id = (record as { id?: unknown } | null)?.id;
        if (typeof id === 'string') this.runners.set(id, writer);
      }
    }
    // The log keeps MAX_RUNS runs: forget the runners of those that dropped off.
    if (this.runners.size > MAX_RUNS * 2) {
      const kept = new Set(this.runs.toArray().map((r) => (r as { id?: unknown } | null)?.id));
      for (const id of this.runners.keys()) if (!kept.has(id)) this.runners.delete(id);
    }
  };
}
