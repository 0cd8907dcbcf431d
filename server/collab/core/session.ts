import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { canEdit, type Permission } from '../../../lib/shared/share-token';
import { REFUSAL, type RefusalReason } from '../../../lib/shared/protocol/refusals';
import { AwarenessGate, type AwarenessDrop } from './awareness-gate';
import type { Room } from './room';
import type { Transport } from './transport';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, MESSAGE } from './yjs-messages';

export type SessionState = 'connected' | 'closed';

export interface SessionCounters {
  droppedReadOnlyUpdate(): void;
  droppedAwareness(reason: AwarenessDrop): void;
  refused(reason: RefusalReason): void;
}

/** What the hook chain's onAuthenticate established for a connection. */
export interface SessionAccess {
  permission: Permission;
  /** Link generation of the token; rotation closes sessions opened with older ones. */
  generation: number;
  /** The person's server-signed identity in this room, or null when they presented none. */
  userId: string | null;
}

/**
 * One connection to a room, with its own permission. A view-only session receives everything but every
 * document update it sends is dropped and counted; it may still publish its cursor, through the same
 * presence checks as everyone (awareness-gate.ts).
 */
export class Session {
  state: SessionState = 'connected';
  /** Awareness client ids this connection introduced, removed when it leaves. */
  readonly awarenessClients = new Set<number>();
  private readonly presence: AwarenessGate;

  constructor(
    readonly room: Room,
    readonly access: SessionAccess,
    private readonly transport: Transport,
    private readonly counters: SessionCounters,
  ) {
    this.presence = new AwarenessGate(room, this, room.bounds, (reason) => counters.droppedAwareness(reason));
  }

  get permission(): Permission {
    return this.access.permission;
  }

  /**
   * The user id the server verified for this connection (signed, bound to this room), or null. The only
   * identity this session's awareness may carry; Spark's identity is never one of these.
   */
  get verifiedUserId(): string | null {
    return this.access.userId;
  }

  /** Joins the room and opens the sync handshake. */
  start(): void {
    this.room.join(this);
    this.send(encodeSyncStep1(this.room.doc));
    const states = [...this.room.awareness.getStates().keys()];
    if (states.length > 0) this.send(encodeAwareness(this.room.awareness, states));
  }

  send(message: Uint8Array): void {
    if (this.state === 'connected' && this.transport.isOpen()) this.transport.send(message);
  }

  /** Presence is disposable: a connection that is behind on reading gets none until it catches up. */
  sendPresence(message: Uint8Array): void {
    if (this.transport.backlogBytes() > this.room.bounds.maxPresenceBacklogBytes) return this.counters.droppedAwareness('BACKLOG');
    this.send(message);
  }

  receive(message: Uint8Array): void {
    if (this.state !== 'connected') return;
    try {
      this.handle(message);
    } catch {
      // A message that does not decode, or an update Yjs rejects, ends this connection only.
      this.close('MALFORMED_MESSAGE');
    }
  }

  close(reason: RefusalReason): void {
    if (this.state === 'closed') return;
    this.counters.refused(reason);
    this.transport.close(REFUSAL[reason], reason);
    this.end();
  }

  /** The transport closed: leave the room. */
  end(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.presence.dispose();
    this.room.leave(this);
  }

  private handle(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE.SYNC:
        return this.handleSync(decoder);
      case MESSAGE.AWARENESS:
        return this.presence.receive(decoding.readVarUint8Array(decoder));
      case MESSAGE.QUERY_AWARENESS:
        this.send(encodeAwareness(this.room.awareness, [...this.room.awareness.getStates().keys()]));
        return;
      case MESSAGE.AUTH:
        return; // y-websocket clients never send it; auth happened at the upgrade.
      default:
        throw new Error(`unknown message type ${type}`);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1:
        // Four bytes ask for a copy of the whole document. While a whole copy's worth still waits in the
        // socket's buffer the peer has not read the last answer, and encoding another would only pile up
        // work and memory. (A new connection's first request never finds a backlog that large.)
        if (this.transport.backlogBytes() >= Math.max(1, this.room.updateBytes)) return;
        this.send(encodeSyncStep2(this.room.doc, decoding.readVarUint8Array(decoder)));
        return;
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        if (!canEdit(this.permission)) {
          this.counters.droppedReadOnlyUpdate();
          return;
        }
        const refusal = this.room.vet(update, this);
        if (!refusal) return this.room.apply(update, this);
        const salvage = syncType === syncProtocol.messageYjsSyncStep2 ? this.room.salvage(update, this) : undefined;
        if (!salvage) return this.close(refusal);
        const again = this.room.vet(salvage.update, this);
        if (again) return this.close(again);
        this.room.applySalvage(salvage, this);
        return;
      }
      default:
        throw new Error(`unknown sync message ${syncType}`);
    }
  }
}
