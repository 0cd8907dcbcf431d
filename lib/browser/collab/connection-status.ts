import { REFUSAL, refusalFromCloseCode, type RefusalReason } from '../../shared/protocol/refusals';
import { assertNever } from '../../shared/assert-never';

/**
 * The connection as the person sees it. A union rather than flags: exactly one of these is true, and
 * `refused` carries the server's reason so the page can say what to do.
 */
export type ConnectionStatus =
  | { kind: 'connecting' }
  | { kind: 'online' }
  | { kind: 'reconnecting' }
  | { kind: 'offline' }
  | { kind: 'refused'; reason: RefusalReason };

/** What the transport reports; translated from y-websocket events by the collab client. */
export type ConnectionEvent =
  | { type: 'connecting' }
  | { type: 'connected' }
  | { type: 'closed'; code: number | null }
  | { type: 'browser-offline' }
  | { type: 'browser-online' };

/**
 * Refusals that reconnecting cannot fix. A restart (SERVER_SHUTTING_DOWN) and capacity limits are
 * temporary, so the client keeps retrying through those.
 */
const TRANSIENT_REFUSALS: ReadonlySet<RefusalReason> = new Set([
  'SERVER_SHUTTING_DOWN',
  'TOO_MANY_CONNECTIONS',
  'TOO_MANY_ROOMS',
  'ROOM_FULL',
  'TOO_MANY_CONNECTIONS_FROM_IP',
  'HANDSHAKE_RATE_LIMITED',
  'HEARTBEAT_TIMEOUT',
  'SLOW_CONSUMER',
  // The reconnect's sync sends what the parked changes were waiting for.
  'MISSING_DEPENDENCIES',
]);

export function isTerminalClose(code: number): boolean {
  const reason = refusalFromCloseCode(code);
  return reason !== null && !TRANSIENT_REFUSALS.has(reason);
}

export function nextStatus(current: ConnectionStatus, event: ConnectionEvent): ConnectionStatus {
  // A refusal is final for this page: later transport noise must not hide the message.
  if (current.kind === 'refused') return current;
  switch (event.type) {
    case 'connecting':
      return current.kind === 'connecting' ? current : { kind: 'reconnecting' };
    case 'connected':
      return { kind: 'online' };
    case 'closed': {
      const reason = event.code === null ? null : refusalFromCloseCode(event.code);
      if (reason && isTerminalClose(REFUSAL[reason])) return { kind: 'refused', reason };
      // Never connected yet: still "connecting", not "reconnecting".
      if (current.kind === 'offline' || current.kind === 'connecting') return current;
      return { kind: 'reconnecting' };
    }
    case 'browser-offline':
      return { kind: 'offline' };
    case 'browser-online':
      return { kind: 'reconnecting' };
    default:
      return assertNever(event);
  }
}
