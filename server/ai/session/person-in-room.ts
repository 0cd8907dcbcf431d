import { awarenessUserSchema } from '../../../lib/shared/protocol/awareness';
import type { SparkRoom } from '../spark/spark-room';

const STRANGER = { name: 'Someone', color: '#8b8b8b' };

/**
 * A person's name and colour as the room shows them (their awareness state), found by the identity the
 * server verified for them; without one, they are nobody in particular.
 */
export function personIn(room: SparkRoom, userId: string | null): { name: string; color: string } {
  if (userId === null) return STRANGER;
  for (const state of room.awareness.getStates().values()) {
    const user = awarenessUserSchema.safeParse((state as { user?: unknown }).user);
    if (user.success && user.data.id === userId) return { name: user.data.name, color: user.data.color };
  }
  return STRANGER;
}
