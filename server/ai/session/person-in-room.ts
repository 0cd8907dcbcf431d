import { isAwarenessUser } from '../../../lib/shared/protocol/awareness-check';
import type { SparkRoom } from '../spark/spark-room';

const STRANGER = { name: 'Someone', color: '#8b8b8b' };

/**
 * A person's name and colour as the room shows them (their awareness state), found by the identity the
 * server verified for them; without one, they are nobody in particular. Asked on every Spark request, so
 * each state is checked with the schema's plain predicate rather than parsed.
 */
export function personIn(room: SparkRoom, userId: string | null): { name: string; color: string } {
  if (userId === null) return STRANGER;
  for (const state of room.awareness.getStates().values()) {
    const user = (state as { user?: unknown }).user;
    if (isAwarenessUser(user) && user.id === userId) return { name: user.name, color: user.color };
  }
  return STRANGER;
}
