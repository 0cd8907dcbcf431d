import * as Y from 'yjs';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';

export interface ParkedBounds {
  /** Bytes of parked structs and deletions a room holds before the sessions that sent them are closed. */
  maxParkedUpdateBytes: number;
  /** How long structs may stay parked before the sessions that sent them are closed. */
  maxParkedUpdateMs: number;
}

/** Something that sent parked structs and can be told to go. */
export interface ParkedSender {
  close(reason: RefusalReason): void;
}

/**
 * Yjs parks the structs of an update whose dependencies have not arrived (`store.pendingStructs`,
 * `store.pendingDs`) and integrates them the moment they do, without a further look from us; it also hands
 * them on in every full-state encoding (a joiner's first sync, a compaction). So parked structs are part of
 * what a room holds: each incoming update is vetted together with them (`withParked`), their bytes count
 * toward the document's size, and they are bounded in bytes and time. A browser's updates park only for
 * the moment its reconnect sync is in flight; past either bound, or when their sender leaves, they are
 * dropped (a sender that comes back resends them in its sync) and the senders are closed.
 */
export class ParkedUpdates {
  private readonly senders = new Set<ParkedSender>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly bounds: ParkedBounds,
  ) {}

  /** Bytes parked now (update format v2, as Yjs keeps them). */
  get bytes(): number {
    const { pendingStructs, pendingDs } = this.doc.store;
    return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
  }

  /** The incoming update together with everything parked: all that applying it may integrate. */
  withParked(update: Uint8Array): Uint8Array {
    const { pendingStructs, pendingDs } = this.doc.store;
    if (!pendingStructs && !pendingDs) return update;
    const parked = [pendingStructs?.update, pendingDs].filter((u): u is Uint8Array => u != null);
    return Y.mergeUpdates([...parked.map((u) => Y.convertUpdateFormatV2ToV1(u)), update]);
  }

  /** After a sender's update was applied: it owns whatever is parked now, within the bounds. */
  afterApply(sender: ParkedSender): void {
    if (this.bytes === 0) {
      // The usual case, once per update: nothing is parked and nothing was.
      if (this.timer || this.senders.size > 0) this.clear();
      return;
    }
    this.senders.add(sender);
    if (this.bytes > this.bounds.maxParkedUpdateBytes) return this.expire();
    this.timer ??= setTimeout(() => this.expire(), this.bounds.maxParkedUpdateMs);
  }

  /** Whether `sender` owns any of what is parked. */
  sentBy(sender: ParkedSender): boolean {
    return this.senders.has(sender);
  }

  /** What is parked breaks the room's rules: it is dropped and its senders are closed with the reason. */
  refuse(reason: RefusalReason): void {
    const senders = [...this.senders];
    this.drop();
    for (const sender of senders) sender.close(reason);
  }

  /** A sender left: what it parked goes with it. */
  forget(sender: ParkedSender): void {
    if (!this.senders.delete(sender)) return;
    this.drop();
  }

  destroy(): void {
    this.clear();
  }

  private expire(): void {
    this.refuse('MISSING_DEPENDENCIES');
  }

  private drop(): void {
    this.doc.store.pendingStructs = null;
    this.doc.store.pendingDs = null;
    this.clear();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.senders.clear();
  }
}
