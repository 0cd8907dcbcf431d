import type { Permission } from '../../share-token';
import type { ClientMessage } from './messages';

/**
 * The permission each AI message needs, in one table: the server checks every message against it before
 * anything else happens (server/ai/session/ai-session.ts), so a refused message changes nothing, reaches no model
 * and spends nobody's rate budget. Anything that writes to the document, costs model time or steers
 * someone's request needs `edit`; a cancel only ever touches the sender's own requests.
 */
export const AI_MESSAGE_PERMISSION = {
  complete: 'edit',
  cancel: 'view',
  edit: 'edit',
  'edit:workspace': 'edit',
  actions: 'edit',
  'edit:action': 'edit',
  'edit:stop': 'edit',
  'edit:undo': 'edit',
  'chat:ask': 'edit',
  'chat:stop': 'edit',
  /** Who of the editors may act on a proposal is the room's rule, checked where it is carried out. */
  'proposal:accept': 'edit',
  'proposal:reject': 'edit',
  'run:fix': 'edit',
  latency: 'edit',
  // A viewer cannot apply a follow-up, so it may neither report changes nor claim one.
  'next-edit:changed': 'edit',
  'next-edit:claim': 'edit',
  'next-edit:release': 'edit',
} as const satisfies Record<ClientMessage['type'], Permission>;
