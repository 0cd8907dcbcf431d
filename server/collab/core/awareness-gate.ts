import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { SPARK_USER } from '../../../lib/shared/protocol/awareness';
import { isAwarenessState } from '../../../lib/shared/protocol/awareness-check';
import { VERIFIED_USER_ID_PREFIX } from '../../../lib/shared/protocol/sessions';
import type { PresenceEntry } from './apply-presence';
import type { Room } from './room';
import type { Session } from './session';

export interface PresenceBounds {
  /** Largest awareness state (its JSON) one client may publish, in bytes. */
  maxAwarenessStateBytes: number;
  /** Awareness messages one connection may send per second; the latest of the rest follows at the second's end. */
  maxAwarenessUpdatesPerSecond: number;
  /** A connection with more than this unsent is not sent presence until it catches up. */
  maxPresenceBacklogBytes: number;
}

/** Why a state a connection sent was not taken; counted in sparkpad_awareness_dropped_total. */
export type AwarenessDrop = 'TOO_LARGE' | 'MALFORMED' | 'NOT_OWN_CLIENT' | 'NOT_OWN_IDENTITY' | 'SPARK_RESERVED' | 'RATE_LIMITED' | 'BACKLOG';

const SECOND_MS = 1000;

/**
 * Presence from one connection, checked before it reaches the room: each state must fit the awareness
 * schema and the size cap, be for a client id the connection owns (one per connection: the first it
 * publishes that nobody else holds, or one held by the same verified person, as after a reconnect), and
 * carry the connection's own verified identity (a connection without one may not use a verified id).
 * Spark's client id and identity belong to the server. What fails is dropped and counted, the rest
 * applies. Presence is disposable: past the rate cap, messages wait and only the latest is applied.
 */
export class AwarenessGate {
  private windowStart = 0;
  private inWindow = 0;
  /** States past the rate cap, the latest per client id, in the order their ids first waited. */
  private waiting: Map<number, PresenceEntry> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly room: Room,
    private readonly session: Session,
    private readonly bounds: PresenceBounds,
    private readonly dropped: (reason: AwarenessDrop) => void,
  ) {}

  /** Takes one awareness message's payload; throws when it does not decode (the session closes). */
  receive(update: Uint8Array): void {
    const entries = decodeEntries(update);
    const accepted = this.filter(entries);
    if (accepted.length === 0) return;
    const now = Date.now();
    if (now - this.windowStart >= SECOND_MS) {
      this.windowStart = now;
      this.inWindow = 0;
    }
    if (this.inWindow < this.bounds.maxAwarenessUpdatesPerSecond && !this.waiting) {
      this.inWindow++;
      // All taken (the usual case): the message is applied as it came.
      return this.apply(accepted, accepted.length === entries.length ? update : encodeEntries(accepted));
    }
    // Waiting entries hold their own strings, never a view of the socket's receive buffer.
    if (this.waiting) this.dropped('RATE_LIMITED');
    this.waiting ??= new Map();
    for (const entry of accepted) this.waiting.set(entry.clientId, entry);
    this.timer ??= setTimeout(() => this.flush(), SECOND_MS - (now - this.windowStart));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting = null;
  }

  private flush(): void {
    this.timer = null;
    const waiting = this.waiting;
    this.waiting = null;
    if (!waiting || this.session.state !== 'connected') return;
    this.windowStart = Date.now();
    this.inWindow = 1;
    const entries = [...waiting.values()];
    this.apply(entries, encodeEntries(entries));
  }

  private apply(entries: PresenceEntry[], encoded: Uint8Array): void {
    this.room.applyPresence(entries, encoded, this.session);
  }

  private filter(entries: PresenceEntry[]): PresenceEntry[] {
    const accepted: PresenceEntry[] = [];
    for (const entry of entries) {
      const reason = this.check(entry);
      if (reason) this.dropped(reason);
      else {
        this.claim(entry.clientId);
        accepted.push(entry);
      }
    }
    return accepted;
  }

  /** Checks an entry and, when it passes, keeps its parsed state on it. */
  private check(entry: PresenceEntry): AwarenessDrop | null {
    const { clientId, json } = entry;
    if (Buffer.byteLength(json) > this.bounds.maxAwarenessStateBytes) return 'TOO_LARGE';
    if (clientId === this.room.awareness.clientID) return 'SPARK_RESERVED';
    if (!this.mayUse(clientId)) return 'NOT_OWN_CLIENT';
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      return 'MALFORMED';
    }
    if (raw === null) {
      entry.state = null; // the client leaving: its own id, checked above
      return null;
    }
    if (!isAwarenessState(raw)) return 'MALFORMED';
    const { user } = raw;
    if (user.kind === SPARK_USER.kind || user.id === SPARK_USER.id || user.name.trim().toLowerCase() === SPARK_USER.name.toLowerCase()) {
      return 'SPARK_RESERVED';
    }
    const verified = this.session.verifiedUserId;
    if (verified !== null ? user.id !== verified : user.id.startsWith(VERIFIED_USER_ID_PREFIX)) return 'NOT_OWN_IDENTITY';
    entry.state = raw;
    return null;
  }

  private mayUse(clientId: number): boolean {
    if (this.session.awarenessClients.has(clientId)) return true;
    if (this.session.awarenessClients.size > 0) return false;
    const held = this.room.awareness.getStates().get(clientId) as { user?: { id?: unknown } } | undefined;
    if (held === undefined) return true;
    // The same verified person may take over their own entry (a reconnect before the old socket was seen to close).
    return this.session.verifiedUserId !== null && held.user?.id === this.session.verifiedUserId;
  }

  private claim(clientId: number): void {
    // Held already: no other connection holds it (each claim takes it from all the others).
    if (this.session.awarenessClients.has(clientId)) return;
    for (const other of this.room.sessions) if (other !== this.session) other.awarenessClients.delete(clientId);
    this.session.awarenessClients.add(clientId);
  }
}

function decodeEntries(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: PresenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), json: decoding.readVarString(decoder), state: undefined });
  }
  return entries;
}

function encodeEntries(entries: PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}
