/**
 * The edits Spark has in progress in one room, of one kind (span or workspace), and the one loop that
 * drives each from its model's events. An edit ends exactly once: done (answered only once its undo record
 * is stored, so it is undoable from any instance), halted (Stop, a person typing in it, a new instruction,
 * the requester leaving), refused by the room, or failed. Whichever comes first aborts the stream and sends
 * the one `edit:*` answer; what was written stays.
 */
import { assertNever, type ServerMessage, type StaleBlock, type StopReason } from '../../../lib/shared/protocol/ai';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { RouterEvent } from '../routing/router';
import type { EditRecorder } from './edit-record';
import type { RecordSaver } from './record-saver';
import { writeRefusal } from './write-refusal';

export type EditMessage = Extract<ServerMessage, { type: `edit:${string}` }>;

/** One edit in progress: who asked, how to stop its stream, where its answers go and how its text is written. */
export interface RunningEdit {
  readonly id: string;
  readonly requester: string;
  readonly controller: AbortController;
  readonly send: (message: EditMessage) => void;
  /** What undo needs; a redirected edit hands it on, so the whole edit stays one undo step. */
  readonly recorder: EditRecorder;
  /** Writes the model's next text (`final`: the model has finished); the room's reason if it refused the write. */
  take(text: string, final: boolean): RefusalReason | undefined;
  /** What `edit:done` says beyond why it ended: a workspace edit's blocks not applied, and how many were. */
  outcome(): { stale?: StaleBlock[]; applied?: number };
  /** Stops writing and watching for people's edits. */
  dispose(): void;
}

export class RunningEdits<E extends RunningEdit> {
  private readonly running = new Map<string, E>();

  constructor(private readonly saver: RecordSaver) {}

  get size(): number {
    return this.running.size;
  }

  /** The requester's running edit that `matches`, which a new instruction of theirs redirects. */
  find(requester: string, matches: (edit: E) => boolean = () => true): E | undefined {
    return [...this.running.values()].find((edit) => edit.requester === requester && matches(edit));
  }

  /** A new edit's undo record, kept until the edit and every redirection of it have ended. */
  track(recorder: EditRecorder, requester: string): void {
    this.saver.track(recorder, requester);
  }

  /** Holds the edit and drives it from its events until it ends. */
  start(edit: E, events: () => AsyncIterable<RouterEvent>): void {
    this.running.set(edit.id, edit);
    void this.drive(edit, events);
  }

  /** Stop: halts the requester's own edit at once. */
  stop(id: string, requester: string): boolean {
    const edit = this.running.get(id);
    if (!edit || edit.requester !== requester) return false;
    this.halt(edit, 'stop');
    return true;
  }

  stopAllFor(requester: string): void {
    for (const edit of [...this.running.values()]) if (edit.requester === requester) this.halt(edit, 'disconnected');
  }

  destroy(): void {
    for (const edit of [...this.running.values()]) this.halt(edit, 'disconnected');
  }

  halt(edit: E, reason: StopReason): void {
    if (!this.running.has(edit.id)) return;
    edit.controller.abort(new Error(reason));
    edit.send({ type: 'edit:done', id: edit.id, stopped: reason, stats: null, ...edit.outcome() });
    this.finish(edit, reason === 'redirected');
  }

  /** A write the room refused ends the edit with the room's reason; true when it did. */
  refused(edit: E, reason: RefusalReason | undefined): boolean {
    if (!reason) return false;
    edit.controller.abort(new Error(reason));
    edit.send({ type: 'edit:error', id: edit.id, error: writeRefusal(reason) });
    this.finish(edit);
    return true;
  }

  private async drive(edit: E, events: () => AsyncIterable<RouterEvent>): Promise<void> {
    const { id, controller, send } = edit;
    let chars = 0;
    try {
      for await (const event of events()) {
        if (controller.signal.aborted) return;
        switch (event.type) {
          case 'chunk':
            chars += event.text.length;
            if (this.refused(edit, edit.take(event.text, false))) return;
            send({ type: 'edit:progress', id, chars });
            break;
          case 'notice':
            send({ type: 'edit:notice', id, error: event.error });
            break;
          case 'error':
            send({ type: 'edit:error', id, error: event.error });
            return this.finish(edit);
          case 'done':
            if (this.refused(edit, edit.take('', true))) return;
            this.finish(edit);
            await this.saver.settled();
            return send({ type: 'edit:done', id, stopped: null, stats: event.stats, ...edit.outcome() });
          case 'cancelled':
            return;
          default:
            return assertNever(event);
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        send({ type: 'edit:error', id, error: { code: 'INTERNAL', message: (error as Error).message } });
        this.finish(edit);
      }
    }
  }

  /** A redirected edit `continues` in the next one, which keeps its undo record open. */
  private finish(edit: E, continues = false): void {
    edit.dispose();
    this.running.delete(edit.id);
    if (!continues) this.saver.finished(edit.recorder, edit.requester);
  }
}
