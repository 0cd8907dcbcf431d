/**
 * Keeps each running Spark edit's undo record in the undo log as the edit grows, at most every
 * SAVE_EVERY_MS, and once more when it ends; saves go out in order. An instance that dies in the middle of
 * an edit has then left a record of all but its last moments, which another instance can undo.
 */
import type { EditRecorder } from './edit-record';
import type { SparkUndoLog } from './undo-log';

/** A few saves a second: small beside the document updates the same chunks send to every instance. */
const SAVE_EVERY_MS = 250;

export class RecordSaver {
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Map<EditRecorder, NodeJS.Timeout>();

  constructor(private readonly log: SparkUndoLog) {}

  track(recorder: EditRecorder, requester: string): void {
    recorder.onChange = () => {
      if (this.timers.has(recorder)) return;
      const timer = setTimeout(() => {
        this.timers.delete(recorder);
        this.save(requester, recorder.snapshot());
      }, SAVE_EVERY_MS);
      this.timers.set(recorder, timer);
    };
  }

  /** The edit ended: its whole record is saved. */
  finished(recorder: EditRecorder, requester: string): void {
    clearTimeout(this.timers.get(recorder));
    this.timers.delete(recorder);
    this.save(requester, recorder.finish());
  }

  /** Resolves once every save asked for so far is done (or failed). */
  settled(): Promise<void> {
    return this.queue;
  }

  private save(requester: string, record: ReturnType<EditRecorder['snapshot']>): void {
    if (!record) return;
    // Storage away: that edit cannot be undone, and later ones still can.
    this.queue = this.queue.then(() => this.log.save(requester, record)).catch(() => undefined);
  }
}
