import { SPARK_USER } from '../../lib/shared/protocol/awareness';
import type { Room } from '../collab/core/room';
import type { Session } from '../collab/core/session';
import type { RestoreOrigin } from './restore-edit';
import { userOfState } from './state-user';

const SOMEONE = 'Someone';

/**
 * The name to credit for a change to a room's files, from its origin: a person's connection (the name
 * their cursor shows), Spark typing an edit, or a restore. Null for changes this instance only relays
 * or reloads (storage, other instances), which their own instance credits, and for Spark's chat, which
 * is not part of the workspace.
 */
export function creditFor(room: Room, origin: unknown): string | null {
  if (room.sessions.has(origin as Session)) return nameOf(room, origin as Session);
  if (isObject(origin) && origin.spark === true) return SPARK_USER.name;
  if (isObject(origin) && origin.restore === true) return String((origin as unknown as RestoreOrigin).by);
  return null;
}

/** The name a connection's awareness shows, else the one the room shows for its verified identity. */
export function nameOf(room: Room, session: Session): string {
  const states = room.awareness.getStates();
  for (const id of session.awarenessClients) {
    const user = userOfState(states.get(id));
    if (user) return user.name;
  }
  if (session.verifiedUserId === null) return SOMEONE;
  for (const state of states.values()) {
    const user = userOfState(state);
    if (user && user.id === session.verifiedUserId) return user.name;
  }
  return SOMEONE;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Who took part in each room since its last version. */
export class Participants {
  private readonly byRoom = new Map<string, Set<string>>();

  note(roomId: string, name: string): void {
    let names = this.byRoom.get(roomId);
    if (!names) this.byRoom.set(roomId, (names = new Set()));
    names.add(name);
  }

  /** Whether anyone took part since the last version. */
  any(roomId: string): boolean {
    return (this.byRoom.get(roomId)?.size ?? 0) > 0;
  }

  /** The names so far, in the order they first took part; the room starts a new stretch. */
  take(roomId: string): string[] {
    const names = [...(this.byRoom.get(roomId) ?? [])];
    this.byRoom.delete(roomId);
    return names;
  }
}
