import type { AwarenessUser } from '../../lib/shared/protocol/awareness';
import { isAwarenessUser } from '../../lib/shared/protocol/awareness-check';

/**
 * The person an awareness state names, or null when it names none that fits the schema. Each state is an
 * object of its own until the client publishes the next one, and every document update asks about the
 * sender's state more than once (the name to credit, the writer to note), so the answer is kept per state
 * object and goes with it.
 */
const known = new WeakMap<object, AwarenessUser | null>();

export function userOfState(state: unknown): AwarenessUser | null {
  if (typeof state !== 'object' || state === null) return null;
  let user = known.get(state);
  if (user === undefined) {
    const named = (state as { user?: unknown }).user;
    // The schema's fields only, as parsing it would give them.
    user = isAwarenessUser(named) ? { id: named.id, name: named.name, color: named.color, kind: named.kind } : null;
    known.set(state, user);
  }
  return user;
}
