import { z } from 'zod';

/**
 * What a link token grants. The server signs it; the browser only reads it to adapt its UI. `owner` is
 * the creator's link: everything `edit` allows, plus resetting the links and changing the room's
 * settings; it does not age when the share links are rotated.
 */
export const permissionSchema = z.enum(['owner', 'edit', 'view']);
export type Permission = z.infer<typeof permissionSchema>;

const RANK: Record<Permission, number> = { view: 0, edit: 1, owner: 2 };

/** Whether a link with `held` may do what needs `needed`. */
export function grants(held: Permission, needed: Permission): boolean {
  return RANK[held] >= RANK[needed];
}

/** Whether a link may change the document. */
export const canEdit = (permission: Permission): boolean => grants(permission, 'edit');

export const tokenClaimsSchema = z.object({
  /** Room id the token is bound to. */
  r: z.string(),
  /** Permission: owner, edit or view-only. */
  p: permissionSchema,
  /** Link generation: rotating a room's links bumps it and cuts off older edit and view tokens. */
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
