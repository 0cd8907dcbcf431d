// server/ai/spark/: Spark as a member of each room: its awareness (one Spark across instances), edits typed
// into the document and their undo records, the room chat, and the registry that keeps one peer per room
// and instance. SparkPeer (this file) is the entry point.
/**
 * Spark as a member of the room. It shows itself as the room's local awareness state (name, colour,
 * cursor), so every browser draws it like a person; in a cluster one instance shows it for all
 * (spark-presence.ts). While it suggests to someone its cursor sits there; while it edits, it streams a
 * minimal edit into the shared document with its cursor moving as it types. Stop halts at once, a person
 * typing inside the span halts it, a new instruction redirects it from the current text, and each requester
 * can undo Spark's whole edit for them as one step, on any instance (edit-record.ts, undo-edit.ts).
 */
import * as Y from 'yjs';
import { filesOf } from '../../../lib/shared/document/doc-model';
import type { Pin } from '../../../lib/shared/protocol/ai';
import type { RelativePositionJSON } from '../../../lib/shared/protocol/awareness';
import type { AiRouter, RouterEvent } from '../routing/router';
import { EditRecorder } from './edit-record';
import { clampRange } from './edit-range';
import { EngineFeed } from './engine-feed';
import { FollowUpBoard } from './follow-up-board';
import { RecordSaver } from './record-saver';
import { RoomWorkspace } from './room-workspace';
import { RunningEdits, type EditMessage } from './running-edits';
import { SingleInstanceSpark, type SparkCluster } from './spark-cluster';
import { SparkChat } from './spark-chat';
import { SparkPresence } from './spark-presence';
import type { SparkRoom } from './spark-room';
import { SpanEdit } from './span-edit';
import { SpanWriter } from './span-writer';
import { typeOut } from './type-out';
import { undoLatest } from './undo-edit';
import { WorkspaceEdits, type WorkspaceEditRequest } from './workspace-edits';
import { proposeFix } from './run-fix/carry-out';
import { PeopleOnline } from './run-fix/people-online';
import { RunFixer } from './run-fix/run-fixer';

export interface SparkEditRequest {
  id: string;
  requester: string;
  file: string;
  language: string;
  instruction: string;
  from: number;
  to: number;
  pin: Pin;
  /** Text to type instead of asking the model (Apply as edit from the chat). */
  replacement?: string;
  /** The asker's name as the room shows it, for the version taken before the edit. */
  askedBy?: string;
}

/** Keeps the room's workspace as it is now, before Spark changes it (a `checkpoint` version). */
export type Checkpoint = (room: SparkRoom, label: string) => void;

export class SparkPeer {
  readonly workspace: RoomWorkspace;
  readonly chat: SparkChat;
  /** The room's people Spark can reach on the AI channel, by verified identity. */
  readonly people = new PeopleOnline();
  readonly fixes: RunFixer;
  /** The room's next-edit follow-ups and their claims. */
  readonly followUps: FollowUpBoard;
  private readonly feed: EngineFeed | null;
  /** Edits of a span of one file. */
  private readonly spanEdits: RunningEdits<SpanEdit>;
  /** Edits across the workspace (search/replace blocks, planned changes); same stop, undo and cursor. */
  private readonly workspaceEdits: WorkspaceEdits;
  private readonly presence: SparkPresence;
  /** Undo records on their way to the log, in order: an undo waits for them. */
  private readonly saver: RecordSaver;
  /** Where Spark is suggesting, published after the current turn of the event loop (see suggesting). */
  private pendingSuggestion: { file: string; at: RelativePositionJSON } | null = null;
  private suggestionTimer: NodeJS.Immediate | null = null;

  constructor(
    readonly room: SparkRoom,
    private readonly router: AiRouter,
    private readonly checkpoint: Checkpoint | null = null,
    cluster: SparkCluster = new SingleInstanceSpark(),
  ) {
    this.workspace = new RoomWorkspace(room.doc);
    this.feed = router.workspaces ? new EngineFeed(room.id, room.doc, router.workspaces) : null;
    this.chat = new SparkChat(room, router, this.workspace);
    this.fixes = new RunFixer({ room, router, workspace: this.workspace, people: this.people, carryOut: proposeFix(this) });
    this.followUps = new FollowUpBoard(room.doc, router.nextEdit.maxFollowUpsPerRoom);
    this.presence = new SparkPresence(room, cluster, () => this.busy);
    this.saver = new RecordSaver(this.presence.undo);
    this.spanEdits = new RunningEdits(this.saver);
    this.workspaceEdits = new WorkspaceEdits({
      room,
      router,
      workspace: this.workspace,
      presence: this.presence,
      saver: this.saver,
      checkpoint: checkpoint && ((label) => checkpoint(room, label)),
    });
  }

  private get busy(): boolean {
    return this.spanEdits.size > 0 || this.workspaceEdits.size > 0;
  }

  /**
   * Moves Spark's cursor to where it is suggesting to someone, unless it is busy editing. Off the hot
   * path: called once the suggestion's answer is on the wire, and published in the next turn of the event
   * loop, with the keystrokes of one turn coalesced into one awareness broadcast (the latest position wins).
   */
  suggesting(file: string, at: RelativePositionJSON): void {
    this.pendingSuggestion = { file, at };
    this.suggestionTimer ??= setImmediate(() => {
      this.suggestionTimer = null;
      const pending = this.pendingSuggestion;
      this.pendingSuggestion = null;
      if (pending && !this.busy) this.presence.suggestingAt(pending.file, pending.at);
    });
  }

  /** Whether this instance, of all serving the room, is the one to decide `key` (spark-cluster.ts). */
  firstToDecide(key: string): Promise<boolean> {
    return this.presence.firstToDecide(key);
  }

  /** Starts an edit; an edit already running for this requester in this file is redirected. */
  edit(request: SparkEditRequest, send: (message: EditMessage) => void): void {
    const text = filesOf(this.room.doc).get(request.file);
    if (!(text instanceof Y.Text)) {
      send({ type: 'edit:error', id: request.id, error: { code: 'FILE_NOT_FOUND', message: `There is no file ${request.file}.` } });
      return;
    }
    const running = this.spanEdits.find(request.requester, (edit) => edit.request.file === request.file);
    let { from, to } = clampRange(text, request.from, request.to);
    let recorder: EditRecorder;
    if (running) {
      // Redirect: the new instruction starts from what Spark has written so far, over the same span.
      ({ from, to } = running.writer.range);
      recorder = running.recorder;
      this.spanEdits.halt(running, 'redirected');
    } else {
      recorder = new EditRecorder(this.room.doc, request.file, request.requester);
      this.spanEdits.track(recorder, request.requester);
    }
    this.checkpoint?.(this.room, `Before Spark: ${request.instruction || 'edit'} (asked by ${request.askedBy ?? 'someone'})`);
    // The writer only calls back on a later transaction, by which time `edit` exists.
    const admit = (bytes: number) => this.room.admitWrite?.({ bytes });
    const writer = new SpanWriter(text, from, to, recorder.origin, () => this.spanEdits.halt(edit, 'human-edit'), this.router.editDiffBudgetMs, admit);
    const edit = new SpanEdit(request, writer, recorder, send, (offset) => this.presence.moveTo(request.file, offset, true));
    send({ type: 'edit:started', id: request.id, file: request.file });
    this.presence.moveTo(request.file, from, true);
    this.spanEdits.start(edit, () => this.events(edit, text.toString()));
  }

  /** The model's answer for a span edit, or the chat's text typed out at a typing pace. */
  private events({ request, writer, controller }: SpanEdit, content: string): AsyncIterable<RouterEvent> {
    const who = { userId: request.requester, roomId: this.room.id };
    if (request.replacement !== undefined) return this.router.spend(who, typeOut(request.replacement, controller.signal));
    const { from, to } = writer.range;
    const prefix = content.slice(0, from);
    const suffix = content.slice(to);
    const input = { ...who, pin: request.pin, path: request.file, language: request.language, prefix, suffix, instruction: request.instruction };
    return this.router.edit({ ...input, region: writer.current(), workspace: this.workspace }, controller.signal);
  }

  /**
   * An instruction about the workspace rather than a selection: the model answers in search/replace
   * blocks, written as they stream across files (creating files), as one undo step; or, with `changes`,
   * a plan made elsewhere, typed in the same way. `edit:done` names the blocks that were not applied.
   */
  editWorkspace(request: WorkspaceEditRequest, send: (message: EditMessage) => void): void {
    this.workspaceEdits.start(request, send);
  }

  /** Stop: halts the requester's own edit at once, leaving what was written. */
  stop(id: string, requester: string): boolean {
    if (this.workspaceEdits.stop(id, requester)) return true;
    return this.spanEdits.stop(id, requester);
  }

  /** Stops every edit a requester has running (they left). */
  stopAllFor(requester: string): void {
    this.workspaceEdits.stopAllFor(requester);
    this.spanEdits.stopAllFor(requester);
  }

  /**
   * Undoes the requester's most recent Spark edit as one step, wherever it was made. An edit of which
   * nothing is left (people removed it) is skipped for the one before it, as Y.UndoManager does.
   */
  async undo(requester: string): Promise<boolean> {
    this.stopAllFor(requester);
    await this.saver.settled();
    return undoLatest(this.room.doc, this.presence.undo, requester);
  }

  destroy(): void {
    if (this.suggestionTimer) clearImmediate(this.suggestionTimer);
    this.spanEdits.destroy();
    this.workspaceEdits.destroy();
    this.chat.destroy();
    this.fixes.destroy();
    this.followUps.destroy();
    this.workspace.destroy();
    this.feed?.destroy();
    this.presence.leave();
  }
}
