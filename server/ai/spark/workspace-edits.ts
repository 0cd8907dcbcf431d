/**
 * Spark's workspace-level edits in one room: an instruction not tied to a selection, answered by the model
 * in search/replace blocks that Spark writes as they stream, across files (workspace-edit.ts), or a plan of
 * FileChanges typed in the same way. Like a span edit: the version taken before, Stop, a person typing
 * inside halting it, a new instruction from the same person redirecting it (one undo step throughout), and
 * `edit:done` only once the undo record is stored, naming every block that was not applied.
 */
import { listFiles, STARTER_FILE, getFile } from '../../../lib/shared/document/doc-model';
import type { Pin } from '../../../lib/shared/protocol/ai';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { AiRouter, RouterEvent } from '../routing/router';
import { BlockParser } from './blocks/block-parser';
import { EditRecorder } from './edit-record';
import type { FileChange } from './file-change';
import type { RecordSaver } from './record-saver';
import type { RoomWorkspace } from './room-workspace';
import type { SparkPresence } from './spark-presence';
import type { SparkRoom } from './spark-room';
import { RunningEdits, type EditMessage, type RunningEdit } from './running-edits';
import { typeOut } from './type-out';
import { WorkspaceEdit } from './workspace-edit';

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

/** A workspace edit in progress: the model's blocks, written as each one ends, or a plan typed out. */
class Running implements RunningEdit {
  readonly controller = new AbortController();

  constructor(
    readonly request: WorkspaceEditRequest,
    readonly edit: WorkspaceEdit,
    readonly send: (message: EditMessage) => void,
    private readonly parser: BlockParser,
  ) {}

  get id(): string {
    return this.request.id;
  }

  get requester(): string {
    return this.request.requester;
  }

  get recorder(): EditRecorder {
    return this.edit.recorder;
  }

  /** A plan writes itself as it is typed (typeChanges); a model's answer is written block by block. */
  take(text: string, final: boolean): RefusalReason | undefined {
    if (this.request.changes) return undefined;
    for (const block of final ? this.parser.end() : this.parser.push(text)) {
      const refused = this.edit.onBlock(block);
      if (refused) return refused;
    }
    return undefined;
  }

  outcome() {
    return { stale: this.edit.stale, applied: this.edit.applied };
  }

  dispose(): void {
    this.edit.halt();
  }
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
  private readonly running: RunningEdits<Running>;

  constructor(private readonly deps: WorkspaceEditsDeps) {
    this.running = new RunningEdits(deps.saver);
  }

  get size(): number {
    return this.running.size;
  }

  start(request: WorkspaceEditRequest, send: (message: EditMessage) => void): void {
    const { room, router, presence } = this.deps;
    const before = this.running.find(request.requester);
    let recorder: EditRecorder;
    if (before) {
      // Redirect: the new instruction starts from the files as Spark left them, in the same undo step.
      recorder = before.recorder;
      this.running.halt(before, 'redirected');
    } else {
      const file = request.file && getFile(room.doc, request.file) ? request.file : (listFiles(room.doc)[0] ?? STARTER_FILE.path);
      recorder = new EditRecorder(room.doc, file, request.requester);
      this.running.track(recorder, request.requester);
    }
    this.deps.checkpoint?.(`Before Spark: ${request.instruction || 'edit'} (asked by ${request.askedBy ?? 'someone'})`);
    const edit = new WorkspaceEdit(
      {
        doc: room.doc,
        admit: (write) => room.admitWrite?.(write),
        moveTo: (file, offset) => presence.moveTo(file, offset, true),
        // The writer only calls back on a later transaction, by which time `running` holds it.
        onHumanEdit: () => this.running.halt(active, 'human-edit'),
        diffBudgetMs: router.editDiffBudgetMs,
      },
      recorder,
    );
    const active = new Running(request, edit, send, new BlockParser(router.editBlockLimits));
    send({ type: 'edit:started', id: request.id, file: request.file ?? recorder.file });
    this.running.start(active, () => this.events(active));
  }

  stop(id: string, requester: string): boolean {
    return this.running.stop(id, requester);
  }

  stopAllFor(requester: string): void {
    this.running.stopAllFor(requester);
  }

  destroy(): void {
    this.running.destroy();
  }

  /** The model's search/replace blocks, or a plan typed out at a typing pace. */
  private events(active: Running): AsyncIterable<RouterEvent> {
    const { request, controller, edit } = active;
    const { router, room, workspace } = this.deps;
    const who = { userId: request.requester, roomId: room.id };
    if (request.changes) return router.spend(who, typeChanges(request.changes, edit, controller.signal, (reason) => this.running.refused(active, reason)));
    return router.editBlocks({ ...who, pin: request.pin, instruction: request.instruction, openFile: request.file, workspace }, controller.signal);
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
