import * as Y from 'yjs';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { HookChain, MemberWrite, Salvage } from './hooks';
import { applyPresence, type PresenceChange, type PresenceEntry } from './apply-presence';
import type { PresenceBounds } from './awareness-gate';
import { ParkedUpdates, type ParkedBounds } from './parked-updates';
import type { Session } from './session';
import { UpdateStructs } from './update-structs';
import { encodeAwareness, encodeUpdate, MESSAGE, wrapMessage } from './yjs-messages';

/**
 * A room owns the shared Y.Doc, its awareness and its members. Every document update is encoded once
 * and sent to every session; awareness changes go the same way. The room's own awareness local state is
 * unused by people: the Spark peer publishes itself there.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly sessions = new Set<Session>();
  /** Non-session holders (the Spark peer, scale-out) keep a room loaded while they work. */
  holds = 0;
  /**
   * Bytes of Yjs updates the document is made of (stored snapshot + every update since): an upper bound
   * of its encoded size that costs nothing to keep, used for the document size limit.
   */
  updateBytes = 0;
  /** Structs Yjs holds back until their dependencies arrive: vetted, counted and bounded like the rest. */
  readonly parked: ParkedUpdates;

  constructor(
    readonly id: string,
    private readonly hooks: HookChain,
    readonly bounds: ParkedBounds & PresenceBounds,
  ) {
    this.parked = new ParkedUpdates(this.doc, bounds);
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get isIdle(): boolean {
    return this.sessions.size === 0 && this.holds === 0;
  }

  broadcast(message: Uint8Array, except?: Session): void {
    for (const session of this.sessions) {
      if (session !== except) session.send(message);
    }
  }

  /**
   * Asks the extensions whether a client's update may be applied; returns the refusal if not. They see
   * it merged with what is parked, since applying it may integrate that too. When only the merge is
   * refused, what others parked is to blame (structs or deletions waiting for clocks that have since been
   * written, e.g. Spark's): that is dropped and its senders are closed, and this update is taken.
   */
  vet(update: Uint8Array, session: Session): RefusalReason | undefined {
    const effect = this.parked.withParked(update);
    const refusal = this.hooks.vet({ room: this, update: effect, session, structs: new UpdateStructs(this.doc, effect) });
    if (!refusal || effect === update || this.parked.sentBy(session)) return refusal;
    if (this.hooks.vet({ room: this, update, session, structs: new UpdateStructs(this.doc, update) })) return refusal;
    this.parked.refuse(refusal);
    return undefined;
  }

  /**
   * A client's answer to the room's state request, which the vetting refused, without what the client may
   * not write; undefined when nothing can be taken out. A browser that reconnects after a crash answers
   * with everything it holds that the room lacks: its own edits, and what the server itself wrote and
   * relayed but never stored (a proposal), which it may not write back. Its edits must not go with it.
   */
  salvage(update: Uint8Array, session: Session): Salvage | undefined {
    return this.hooks.salvage({ room: this, update, session, structs: new UpdateStructs(this.doc, update) });
  }

  /** Applies a vetted salvage, and has everyone drop their copies of what it took out. */
  applySalvage(salvage: Salvage, session: Session): void {
    this.apply(salvage.update, session);
    if (salvage.dropped) this.broadcast(encodeUpdate(salvage.dropped));
  }

  /** Asks the extensions whether a member inside the server (Spark) may make this write. */
  admitWrite(write: MemberWrite): RefusalReason | undefined {
    return this.hooks.vetWrite({ room: this, write });
  }

  /** The verified identity of the connection whose update this origin is; null for anything else. */
  writerOf(origin: unknown): string | null {
    return this.sessionFromOrigin(origin)?.verifiedUserId ?? null;
  }

  /** Applies a vetted client update; whatever of it Yjs parks is the sender's, within the bounds. */
  apply(update: Uint8Array, session: Session): void {
    Y.applyUpdate(this.doc, update, session);
    this.parked.afterApply(session);
  }

  /** Applies presence a session's gate took; relayed to the others as it came when all of it applied. */
  applyPresence(entries: readonly PresenceEntry[], message: Uint8Array, session: Session): void {
    applyPresence(this.awareness, entries, message, session);
  }

  join(session: Session): void {
    this.sessions.add(session);
    this.hooks.emit('onConnect', { room: this, session });
  }

  leave(session: Session): void {
    if (!this.sessions.delete(session)) return;
    // A closed connection's cursors vanish for everyone now, not after the 30 s awareness timeout.
    const owned = [...session.awarenessClients].filter((id) => this.awareness.states.has(id));
    if (owned.length > 0) removeAwarenessStates(this.awareness, owned, session);
    this.parked.forget(session);
    this.hooks.emit('onDisconnect', { room: this, session });
  }

  destroy(): void {
    this.parked.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.updateBytes += update.byteLength;
    this.hooks.emit('onChange', { room: this, update, origin });
    // The sender already has its own update; echoing it back is harmless but wastes bandwidth.
    const sender = this.sessionFromOrigin(origin);
    this.broadcast(encodeUpdate(update), sender);
  };

  private readonly onAwarenessUpdate = ({ added, updated, removed, asSent }: PresenceChange, origin: unknown): void => {
    const sender = this.sessionFromOrigin(origin);
    if (sender) {
      for (const id of added) sender.awarenessClients.add(id);
      for (const id of removed) sender.awarenessClients.delete(id);
    }
    const message = asSent ? wrapMessage(MESSAGE.AWARENESS, asSent) : encodeAwareness(this.awareness, [...added, ...updated, ...removed]);
    // A connection's own cursor moving is news to everyone but itself (its client holds the newest state).
    const echo = sender && ownsAll(sender, added) && ownsAll(sender, updated) && ownsAll(sender, removed) ? sender : undefined;
    for (const session of this.sessions) if (session !== echo) session.sendPresence(message);
  };

  private sessionFromOrigin(origin: unknown): Session | undefined {
    return this.sessions.has(origin as Session) ? (origin as Session) : undefined;
  }
}

function ownsAll(session: Session, ids: readonly number[]): boolean {
  for (const id of ids) if (!session.awarenessClients.has(id)) return false;
  return true;
}
