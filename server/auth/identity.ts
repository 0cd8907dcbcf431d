import { nanoid } from 'nanoid';
import { z } from 'zod';
import { VERIFIED_USER_ID_PREFIX } from '../../lib/shared/protocol/sessions';
import { SignedPayloads } from './signed-payload';

const identitySchema = z.object({
  /** The person's id in this room. */
  u: z.string().min(1).max(64),
  /** The room it was issued for: an identity from one room means nothing in another. */
  r: z.string().min(1).max(128),
});

export interface IssuedIdentity {
  userId: string;
  /** The signed form the browser keeps and presents on both channels. */
  identity: string;
}

/**
 * Per-browser identities, issued by the server and bound to a room. Undo, stop, rate limits and chat
 * authorship key on the id inside, so a person can only ever act as the identity their browser holds.
 */
export class IdentitySigner {
  private readonly payloads: SignedPayloads<z.infer<typeof identitySchema>>;

  constructor(secret: string) {
    this.payloads = new SignedPayloads(secret, 'identity', identitySchema);
  }

  /** The identity presented, when it is ours and for this room; a new one otherwise. */
  confirmOrIssue(room: string, presented: string | null | undefined): IssuedIdentity {
    const userId = this.verify(presented, room);
    if (userId && presented) return { userId, identity: presented };
    const fresh = `${VERIFIED_USER_ID_PREFIX}${nanoid(16)}`;
    return { userId: fresh, identity: this.payloads.sign({ u: fresh, r: room }) };
  }

  /** The user id of a signed identity for `room`, or null. */
  verify(identity: string | null | undefined, room: string): string | null {
    const claims = this.payloads.verify(identity);
    return claims && claims.r === room ? claims.u : null;
  }
}
