import { readTokenClaims, type Permission } from '../../shared/share-token';

/**
 * A share link carries its token in the URL fragment (`/s/<room>#k=<token>`): fragments never reach the
 * server's logs or other sites' referrers. This module is the only place that reads it.
 */

export type LinkAccess =
  | { kind: 'ok'; token: string; permission: Permission }
  | { kind: 'missing-token' }
  | { kind: 'wrong-room' };

export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('k');
  return token && token.length > 0 ? token : null;
}

/**
 * What the page may try with the link it was opened with. The permission only shapes the UI (a read-only
 * editor); the server verifies the token and enforces it.
 */
export function accessFromLocation(room: string, hash: string, ownerToken: string | null = null): LinkAccess {
  // The browser that created the room keeps its owner link and opens the room with it: resetting the
  // share links never cuts its creator off.
  if (ownerToken && readTokenClaims(ownerToken)?.r === room) return { kind: 'ok', token: ownerToken, permission: 'owner' };
  const token = tokenFromHash(hash);
  if (!token) return { kind: 'missing-token' };
  const claims = readTokenClaims(token);
  // An unreadable token still goes to the server, which answers with a precise refusal.
  if (!claims) return { kind: 'ok', token, permission: 'view' };
  if (claims.r !== room) return { kind: 'wrong-room' };
  return { kind: 'ok', token, permission: claims.p };
}

/** The link that opens this room with a token: path plus fragment on the page's origin. */
export function linkFor(origin: string, room: string, token: string): string {
  return `${origin}/s/${encodeURIComponent(room)}#k=${token}`;
}
