import { assertNever, type AiError, type ClientMessage, type ServerMessage } from '../../../lib/shared/protocol/ai';

/** How a refusal of `message` is said: on the reply kind its sender already listens to, with its id. */
export function errorReply(message: ClientMessage, error: AiError): ServerMessage {
  switch (message.type) {
    case 'complete':
      return { type: 'complete:error', id: message.id, error };
    case 'edit':
    case 'edit:workspace':
    case 'edit:action':
    case 'edit:stop':
      return { type: 'edit:error', id: message.id, error };
    case 'chat:ask':
    case 'chat:stop':
      return { type: 'chat:error', id: message.id, error };
    case 'proposal:accept':
    case 'proposal:reject':
      return { type: 'proposal:error', id: message.id, error };
    case 'run:fix':
      return { type: 'run:fix:error', id: message.id, error };
    case 'next-edit:claim':
    case 'next-edit:release':
      return { type: 'next-edit:refused', id: message.id, followUp: message.followUp, error };
    case 'cancel':
    case 'actions':
    case 'latency':
    case 'next-edit:changed':
      return { type: 'error', id: message.id, error };
    case 'edit:undo':
      return { type: 'error', error };
    default:
      return assertNever(message);
  }
}
