import { SPARK_USER } from '../../lib/shared/protocol/awareness';
import type { Room } from '../collab/core/room';
import type { Session } from '../collab/core/session';
import { userOfState } from './state-user';
import type { Writers } from './writers';

/**
 * Learns who wrote a change to a room's files: a person's connection writes with the client ids its
 * awareness publishes (a browser's awareness shares its document's client id); Spark writes with the
 * room document's own. A restore also writes with the room's client id, so its text reads as Spark's
 * only once Spark has written; until then it has no known writer.
 */
export function noteWriters(writers: Writers, room: Room, origin: unknown): void {
  if (room.sessions.has(origin as Session)) {
    const states = room.awareness.getStates();
    for (const client of (origin as Session).awarenessClients) {
      const user = userOfState(states.get(client));
      if (user) writers.note(room.id, client, user);
    }
  } else if (typeof origin === 'object' && origin !== null && (origin as { spark?: unknown }).spark === true) {
    writers.note(room.id, room.doc.clientID, SPARK_USER);
  }
}
