import { awarenessUserSchema, type AwarenessUser } from '../../lib/shared/protocol/awareness';

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
    const parsed = awarenessUserSchema.safeParse((state as { user?: unknown }).user);
    user = parsed.success ? parsed.data : null;
    known.set(state, user);
  }
  return user;
}
