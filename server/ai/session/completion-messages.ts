import { assertNever, type ServerMessage } from '../../../lib/shared/protocol/ai';
import type { RouterEvent } from '../routing/router';

/** The message a completion's router event becomes on the wire; every event kind has one. */
export function completionMessage(id: string, event: RouterEvent): ServerMessage {
  switch (event.type) {
    case 'chunk':
      return { type: 'complete:chunk', id, text: event.text };
    case 'notice':
      return { type: 'complete:notice', id, error: event.error };
    case 'done':
      return { type: 'complete:done', id, stats: event.stats };
    case 'cancelled':
      return { type: 'complete:cancelled', id, reason: event.reason };
    case 'error':
      return { type: 'complete:error', id, error: event.error };
    default:
      return assertNever(event);
  }
}
