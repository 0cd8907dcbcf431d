import { z } from 'zod';

/** What a share-link token grants. The server signs it; the browser only reads it to adapt its UI. */
export const permissionSchema = z.enum(['edit', 'view']);
export type Permission = z.infer<typeof permissionSchema>;

export const tokenClaimsSchema = z.object({
  /** Room id the token is bound to. */
  r: z.string(),
  /** Permission: edit or view-only. */
  p: permissionSchema,
  /** Link generation: rotating a room's links bumps it and cuts off older tokens. */
  g: z.number().int().nonnegative(),
});
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

/** Room ids: URL-safe, at least 128 bits of randomness when generated (22 nanoid characters = 132 bits). */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Reads a token's claims WITHOUT checking its signature: only for the browser to know whether to show
 * a read-only editor. The server verifies every token it is handed (server/auth/tokens.ts).
 */
export function readTokenClaims(token: string): TokenClaims | null {
  const [payload] = token.split('.');
  if (!payload) return null;
  try {
    const parsed = tokenClaimsSchema.safeParse(JSON.parse(decodeBase64Url(payload)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
