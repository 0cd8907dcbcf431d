// server/auth/: share-link tokens (signing, checking, link generations) and the generated secret; the
// auth extension is how the collab core asks them who may enter a room.

import type { AuthResult, Extension, HookPayloads } from '../collab/core/hooks';
import type { Storage } from '../collab/storage/storage';
import type { TokenSigner } from './tokens';

/** Admits a connection when its share-link token is ours, for this room, and of the current generation. */
export class AuthExtension implements Extension {
  readonly name = 'auth';
  readonly priority = 0;

  constructor(
    private readonly signer: TokenSigner,
    private readonly storage: Storage,
  ) {}

  async onAuthenticate({ roomId, token }: HookPayloads['onAuthenticate']): Promise<AuthResult> {
    return checkAccess(this.signer, this.storage, roomId, token);
  }
}

/** Shared by the Yjs endpoint and socket.io: one place decides who may enter a room. */
export async function checkAccess(
  signer: TokenSigner,
  storage: Storage,
  roomId: string,
  token: string | null | undefined,
): Promise<AuthResult> {
  const claims = signer.verify(token);
  if (!claims) return { ok: false, reason: 'UNAUTHORIZED' };
  if (claims.r !== roomId) return { ok: false, reason: 'FORBIDDEN_ROOM' };
  const room = await storage.getRoom(roomId);
  if (!room) return { ok: false, reason: 'ROOM_NOT_FOUND' };
  if (claims.g !== room.linkGeneration) return { ok: false, reason: 'LINKS_ROTATED' };
  return { ok: true, permission: claims.p };
}
