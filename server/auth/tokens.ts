import { createHmac, timingSafeEqual } from 'node:crypto';
import { tokenClaimsSchema, type Permission, type TokenClaims } from '../../lib/shared/share-token';

/**
 * Share-link tokens: base64url(JSON claims) + "." + base64url(HMAC-SHA256(secret, payload)).
 * Small and stateless; the generation claim lets a room owner rotate links without a token table.
 */
export class TokenSigner {
  constructor(private readonly secret: string) {}

  sign(claims: TokenClaims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  issue(room: string, permission: Permission, generation = 0): string {
    return this.sign({ r: room, p: permission, g: generation });
  }

  /** Returns the claims when the signature is ours and the payload well formed, else null. */
  verify(token: string | null | undefined): TokenClaims | null {
    if (!token || token.length > 512) return null;
    const dot = token.indexOf('.');
    if (dot <= 0) return null;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const parsed = tokenClaimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
