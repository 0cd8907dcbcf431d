/**
 * How the Spark peers of one room on several instances stay one Spark. Exactly one instance at a time holds
 * Spark's place in the room (a lease, redis-spark-cluster.ts) and shows Spark's awareness state, its one
 * cursor; the others do the work their own sockets ask for (suggestions, edits, chat answers, written into
 * the shared document as Spark) and announce where Spark is, so the holder's cursor follows whoever Spark
 * serves, wherever they are connected. Undo records live where every instance can reach them.
 */
import type { AwarenessSelection } from '../../../lib/shared/protocol/awareness';
import { MemoryUndoLog, type SparkUndoLog } from './undo-log';

/** Where Spark's cursor is: the file and selection of its awareness state. */
export interface SparkSpot {
  file: string | null;
  selection: AwarenessSelection | null;
}

/** What a room's Spark peer hears from the cluster. */
export interface SparkRoomMember {
  /** This instance now holds Spark's place in the room (true), or has lost it (false). */
  leading(yes: boolean): void;
  /** Spark moved on another instance, `editing` or suggesting. */
  moved(spot: SparkSpot, editing: boolean): void;
}

/** A room's Spark peer's line to the cluster. */
export interface SparkRoomLink {
  /** Tells the other instances where Spark is now, and whether it is typing an edit there. */
  announce(spot: SparkSpot, editing: boolean): void;
  readonly undo: SparkUndoLog;
  /**
   * Whether this instance is the first anywhere to decide `key` (a proposal's hunk): two instances can
   * both read a hunk as pending before either one's decision has reached the other. Rejects when the
   * instances cannot be asked.
   */
  firstToDecide(key: string): Promise<boolean>;
  /** The peer leaves: its place, if it held it, is free for another instance at once. */
  leave(): void;
}

export interface SparkCluster {
  join(roomId: string, member: SparkRoomMember): SparkRoomLink;
  close(): Promise<void>;
}

/** One process: every room's Spark is here, always in its place; undo records stay in memory. */
export class SingleInstanceSpark implements SparkCluster {
  constructor(private readonly undoDepth = 20) {}

  join(_roomId: string, member: SparkRoomMember): SparkRoomLink {
    member.leading(true);
    // One process: the document's own state, read and marked in one turn, already decides.
    return { announce: () => undefined, undo: new MemoryUndoLog(this.undoDepth), firstToDecide: async () => true, leave: () => undefined };
  }

  async close(): Promise<void> {}
}
