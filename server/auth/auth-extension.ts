// server/auth/: link tokens (signing, checking, link generations), per-browser identities, the open
// connections rotation closes and its announcement across instances, and the generated secret; the auth
// extension is how both channels (the collab core and Spark's socket) ask who may enter a room.

import type { AuthResult, Extension, HookPayloads } from '../collab/core/hooks';
import type { Storage } from '../collab/storage/storage';
import type { IdentitySigner } from './identity';
import type { TokenSigner } from './tokens';

/**
 * Admits a connection on either channel (the Yjs socket and Spark's socket.io namespace) when its link
 * token is ours, for this room, and of the current generation (owner links do not age), and names the
 * person by their server-signed identity when they present one.
 */
export class AuthExtension implements Extension {
  readonly name = 'auth';
  readonly priority = 0;

  constructor(private readonly linkAccess: LinkAccess, private readonly identities: IdentitySigner) {}

  async onAuthenticate({ roomId, token, identity }: HookPayloads['onAuthenticate']): Promise<AuthResult> {
    const access = await this.linkAccess(roomId, token);
    if (!access.ok) return access;
    return { ...access, userId: this.identities.verify(identity, roomId) };
  }
}

export type AccessResult = Extract<AuthResult, { ok: false }> | { ok: true; permission: Extract<AuthResult, { ok: true }>['permission']; generation: number };

/** What a link token opens in a room. */
export type LinkAccess = (roomId: string, token: string | null | undefined) => Promise<AccessResult>;

/** One place decides what a link token opens: the hook chain above and the sessions API ask the same one. */
export function linkAccess(signer: TokenSigner, storage: Storage): LinkAccess {
  return async (roomId, token) => {
    const claims = signer.verify(token);
    if (!claims) return { ok: false, reason: 'UNAUTHORIZED' };
    if (claims.r !== roomId) return { ok: false, reason: 'FORBIDDEN_ROOM' };
    const room = await storage.getRoom(roomId);
    if (!room) return { ok: false, reason: 'ROOM_NOT_FOUND' };
    if (claims.p !== 'owner' && claims.g !== room.linkGeneration) return { ok: false, reason: 'LINKS_ROTATED' };
    return { ok: true, permission: claims.p, generation: claims.g };
  };
}
