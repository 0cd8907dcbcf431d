/**
 * Spark's workspace-level edits in one room: an instruction not tied to a selection, answered by the model
 * in search/replace blocks that Spark writes as they stream, across files (workspace-edit.ts), or a plan of
 * FileChanges typed in the same way. Like a span edit: the version taken before, Stop, a person typing
 * inside halting it, a new instruction from the same person redirecting it (one undo step throughout), and
 * `edit:done` only once the undo record is stored, naming every block that was not applied.
 */
import { listFiles, STARTER_FILE, getFile } from '../../../lib/shared/document/doc-model';
import { assertNever, type Pin, type ServerMessage, type StopReason } from '../../../lib/shared/protocol/ai';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { AiRouter, RouterEvent } from '../routing/router';
import { BlockParser } from './blocks/block-parser';
import { EditRecorder } from './edit-record';
import type { FileChange } from './file-change';
import type { RecordSaver } from './record-saver';
import type { RoomWorkspace } from './room-workspace';
import type { SparkPresence } from './spark-presence';
import type { SparkRoom } from './spark-room';
import { typeOut } from './type-out';
import { WorkspaceEdit } from './workspace-edit';
import { writeRefusal } from './write-refusal';

type EditMessage = Extract<ServerMessage, { type: `edit:${string}` }>;

export interface WorkspaceEditRequest {
  id: string;
  requester: string;
  /** The asker's name as the room shows it, for the version taken before the edit. */
  askedBy?: string;
  instruction: string;
  /** The asker's open file: shown to the model whole; null when none is open. */
  file: string | null;
  pin: Pin;
  /** A plan to type instead of asking the model (planned elsewhere, offsets over the files as they are now). */
  changes?: readonly FileChange[];
}

interface Running {
  request: WorkspaceEditRequest;
  edit: WorkspaceEdit;
  controller: AbortController;
  send: (message: EditMessage) => void;
}

export interface WorkspaceEditsDeps {
  room: SparkRoom;
  router: AiRouter;
  workspace: RoomWorkspace;
  presence: SparkPresence;
  saver: RecordSaver;
  checkpoint: ((label: string) => void) | null;
}

export class WorkspaceEdits {
  private readonly running = new Map<string, Running>();

  constructor(private readonly deps: WorkspaceEditsDeps) {}

  get size(): number {
    return this.running.size;
  }

  start(request: WorkspaceEditRequest, send: (message: EditMessage) => void): void {
    const { room, router, presence, saver } = this.deps;
    const before = [...this.running.values()].find((r) => r.request.requester === request.requester);
    let recorder: EditRecorder;
    if (before) {
      // Redirect: the new instruction starts from the files as Spark left them, in the same undo step.
      recorder = before.edit.recorder;
      this.halt(before, 'redirected');
    } else {
      const file = request.file && getFile(room.doc, request.file) ? request.file : (listFiles(room.doc)[0] ?? STARTER_FILE.path);
      recorder = new EditRecorder(room.doc, file, request.requester);
      saver.track(recorder, request.requester);
    }
    this.deps.checkpoint?.(`Before Spark: ${request.instruction || 'edit'} (asked by ${request.askedBy ?? 'someone'})`);
    const controller = new AbortController();
    const edit = new WorkspaceEdit(
      {
        doc: room.doc,
        admit: (write) => room.admitWrite?.(write),
        moveTo: (file, offset) => presence.moveTo(file, offset, true),
        // The writer only calls back on a later transaction, by which time `running` holds it.
        onHumanEdit: () => this.halt(active, 'human-edit'),
        diffBudgetMs: router.editDiffBudgetMs,
      },
      recorder,
    );
    const active: Running = { request, edit, controller, send };
    this.running.set(request.id, active);
    send({ type: 'edit:started', id: request.id, file: request.file ?? recorder.file });
    void this.run(active);
  }

  stop(id: string, requester: string): boolean {
    const active = this.running.get(id);
    if (!active || active.request.requester !== requester) return false;
    this.halt(active, 'stop');
    return true;
  }

  stopAllFor(requester: string): void {
    for (const active of [...this.running.values()]) if (active.request.requester === requester) this.halt(active, 'disconnected');
  }

  destroy(): void {
    for (const active of [...this.running.values()]) this.halt(active, 'disconnected');
  }

  private async run(active: Running): Promise<void> {
    const { request, controller, send, edit } = active;
    const { router, room } = this.deps;
    const who = { userId: request.requester, roomId: room.id };
    const parser = new BlockParser(router.editBlockLimits);
    let chars = 0;
    try {
      const events: AsyncIterable<RouterEvent> = request.changes
        ? router.spend(who, typeChanges(request.changes, edit, controller.signal, (reason) => this.refused(active, reason)))
        : router.editBlocks({ ...who, pin: request.pin, instruction: request.instruction, openFile: request.file, workspace: this.deps.workspace }, controller.signal);
      for await (const event of events) {
        if (controller.signal.aborted) return;
        switch (event.type) {
          case 'chunk':
            chars += event.text.length;
            if (!request.changes) for (const block of parser.push(event.text)) if (this.refused(active, edit.onBlock(block))) return;
            send({ type: 'edit:progress', id: request.id, chars });
            break;
          case 'notice':
            send({ type: 'edit:notice', id: request.id, error: event.error });
            break;
          case 'error':
            send({ type: 'edit:error', id: request.id, error: event.error });
            return this.finish(active);
          case 'done': {
            if (!request.changes) for (const block of parser.end()) if (this.refused(active, edit.onBlock(block))) return;
            this.finish(active);
            // Done means undoable from any instance: the record is stored first.
            await this.deps.saver.settled();
            return send({ type: 'edit:done', id: request.id, stopped: null, stats: event.stats, stale: edit.stale, applied: edit.applied });
          }
          case 'cancelled':
            return;
          default:
            return assertNever(event);
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        send({ type: 'edit:error', id: request.id, error: { code: 'INTERNAL', message: (error as Error).message } });
        this.finish(active);
      }
    }
  }

  /** A write the room refused ends the edit with the room's reason; what was written before stays. */
  private refused(active: Running, reason: RefusalReason | undefined): boolean {
    if (!reason) return false;
    active.controller.abort(new Error(reason));
    active.send({ type: 'edit:error', id: active.request.id, error: writeRefusal(reason) });
    this.finish(active);
    return true;
  }

  private halt(active: Running, reason: StopReason): void {
    if (!this.running.has(active.request.id)) return;
    active.controller.abort(new Error(reason));
    active.send({ type: 'edit:done', id: active.request.id, stopped: reason, stats: null, stale: active.edit.stale, applied: active.edit.applied });
    this.finish(active, reason === 'redirected');
  }

  private finish(active: Running, continued = false): void {
    active.edit.halt();
    this.running.delete(active.request.id);
    if (!continued) this.deps.saver.finished(active.edit.recorder, active.request.requester);
  }
}

/**
 * A plan typed in place by place, each at a typing pace, as events the edit loop reads like a model's.
 * Every place is pinned before anything is typed, so the offsets, all over the files as they were, still
 * name the same text once earlier places have changed it.
 */
async function* typeChanges(
  changes: readonly FileChange[],
  edit: WorkspaceEdit,
  signal: AbortSignal,
  refuse: (reason: RefusalReason) => void,
): AsyncGenerator<RouterEvent> {
  const pinned = edit.pin(changes);
  const perFile = new Map<string, number>();
  let chars = 0;
  const startedAt = performance.now();
  for (const [i, change] of changes.entries()) {
    const block = (perFile.get(change.file) ?? 0) + 1;
    perFile.set(change.file, block);
    let refused = edit.begin(change.file, block, edit.locatePinned(change, block, pinned[i]!));
    if (refused) return refuse(refused);
    if (!edit.busy) continue;
    if (change.text === '' && (refused = edit.write('', true))) return refuse(refused);
    let soFar = '';
    for await (const event of typeOut(change.text, signal)) {
      if (event.type !== 'chunk') continue;
      soFar += event.text;
      chars += event.text.length;
      if ((refused = edit.write(soFar, soFar.length === change.text.length))) return refuse(refused);
      yield { type: 'chunk', text: event.text };
    }
  }
  const seconds = (performance.now() - startedAt) / 1000;
  yield { type: 'done', stats: { tier: null, source: 'apply', firstTokenMs: 0, tokensPerSecond: seconds > 0 ? Math.round(chars / seconds) : null, chars } };
}
