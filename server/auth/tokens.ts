import { tokenClaimsSchema, type Permission, type TokenClaims } from '../../lib/shared/share-token';
import { SignedPayloads } from './signed-payload';

/**
 * Link tokens: signed claims (room, permission, link generation). Stateless; the generation claim lets
 * the owner rotate the edit and view links without a token table.
 */
export class TokenSigner {
  private readonly payloads: SignedPayloads<TokenClaims>;

  constructor(secret: string) {
    this.payloads = new SignedPayloads(secret, 'share-link', tokenClaimsSchema);
  }

  sign(claims: TokenClaims): string {
    return this.payloads.sign(claims);
  }

  issue(room: string, permission: Permission, generation = 0): string {
    return this.sign({ r: room, p: permission, g: generation });
  }

  verify(token: string | null | undefined): TokenClaims | null {
    return this.payloads.verify(token);
  }
}
