/**
 * Spark's one cursor in a room. Where Spark is, is known on every instance that serves the room (each
 * announces its own moves); only the instance holding Spark's place shows it, as the room's awareness
 * local state. On taking the place over it first removes any other Spark entry (the one a dead holder
 * left behind, which would otherwise linger until the awareness timeout), so browsers see one Spark.
 */
import * as Y from 'yjs';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { filesOf } from '../../../lib/shared/document/doc-model';
import { SPARK_USER, type AwarenessState, type RelativePositionJSON } from '../../../lib/shared/protocol/awareness';
import type { SparkCluster, SparkRoomLink, SparkRoomMember, SparkSpot } from './spark-cluster';
import type { SparkRoom } from './spark-room';
import type { SparkUndoLog } from './undo-log';

/** Origin of the removal of a Spark entry another instance left: distributed like any awareness change. */
export const SPARK_TAKEOVER = 'spark-takeover';

/**
 * How long after an edit's last move elsewhere suggestions leave Spark's cursor with that edit, as they do
 * with an edit on this instance. An edit moves the cursor at every chunk; past this it has ended or stalled.
 */
const EDIT_ELSEWHERE_HOLD_MS = 1_000;

export class SparkPresence implements SparkRoomMember {
  private holding = false;
  private spot: SparkSpot = { file: null, selection: null };
  /** The spot last set or announced, so moves that change nothing are not broadcast. */
  private lastKey = '';
  /** Until when an edit on another instance keeps Spark's cursor. */
  private editElsewhereUntil = 0;
  private readonly link: SparkRoomLink;

  constructor(
    private readonly room: SparkRoom,
    cluster: SparkCluster,
    /** Spark is editing here: its cursor stays with the edit, whatever another instance announces. */
    private readonly editing: () => boolean,
  ) {
    this.link = cluster.join(room.id, this);
  }

  get undo(): SparkUndoLog {
    return this.link.undo;
  }

  /** The room's decisions across instances: spark-cluster.ts. */
  firstToDecide(key: string): Promise<boolean> {
    return this.link.firstToDecide(key);
  }

  /** Spark's cursor at `offset` in `file` for an edit or a suggestion; a null file or offset: in no file. */
  moveTo(file: string | null, offset: number | null, editing: boolean): void {
    const text = file ? filesOf(this.room.doc).get(file) : undefined;
    const position =
      text instanceof Y.Text && offset !== null
        ? Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, Math.min(offset, text.length)))
        : null;
    this.place({ file, selection: position && { anchor: position, head: position } }, editing);
  }

  /**
   * Spark's cursor at the caret a person's page gave for a suggestion in `file`. A position this instance
   * cannot resolve in that file (another file's, one it has not received, a root type's) moves nothing.
   */
  suggestingAt(file: string, at: RelativePositionJSON): void {
    const text = filesOf(this.room.doc).get(file);
    if (!(text instanceof Y.Text) || !isIn(text, at)) return;
    const position = Y.relativePositionToJSON(Y.createRelativePositionFromJSON(at));
    this.place({ file, selection: { anchor: position, head: position } }, false);
  }

  private place(spot: SparkSpot, editing: boolean): void {
    if (!editing && Date.now() < this.editElsewhereUntil) return;
    const key = JSON.stringify(spot);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.spot = spot;
    this.show();
    this.link.announce(spot, editing);
  }

  leading(yes: boolean): void {
    this.holding = yes;
    if (!yes) return this.room.awareness.setLocalState(null);
    const others = [...this.room.awareness.getStates()]
      .filter(([id, state]) => id !== this.room.awareness.clientID && (state as { user?: { kind?: unknown } }).user?.kind === SPARK_USER.kind)
      .map(([id]) => id);
    if (others.length > 0) removeAwarenessStates(this.room.awareness, others, SPARK_TAKEOVER);
    this.show();
  }

  moved(spot: SparkSpot, editing: boolean): void {
    if (editing) this.editElsewhereUntil = Date.now() + EDIT_ELSEWHERE_HOLD_MS;
    else if (Date.now() < this.editElsewhereUntil) return;
    const key = JSON.stringify(spot);
    if (this.editing() || key === this.lastKey) return;
    this.lastKey = key;
    this.spot = spot;
    this.show();
  }

  leave(): void {
    this.link.leave();
    if (this.holding) this.room.awareness.setLocalState(null);
    this.holding = false;
  }

  private show(): void {
    if (!this.holding) return;
    const state: AwarenessState = { user: { ...SPARK_USER }, ...this.spot };
    this.room.awareness.setLocalState(state);
  }
}

/**
 * Whether `at` resolves to a place in `text`. A file's text is never a root type, and resolving a position
 * by root name would create that root in the room's document, so such positions are refused unread.
 */
function isIn(text: Y.Text, at: RelativePositionJSON): boolean {
  if (at.tname !== undefined || (at.item === undefined && at.type === undefined)) return false;
  const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(at), text.doc!);
  return position?.type === text;
}
