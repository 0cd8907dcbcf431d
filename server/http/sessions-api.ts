// server/http/: the HTTP routes the Sparkpad server answers itself: the sessions API (rooms, links,
// rotation by the owner, signed identities).
import type http from 'node:http';
import { starterUpdate } from '../../lib/shared/document/doc-model';
import { identityRequestSchema } from '../../lib/shared/protocol/sessions';
import { grants, type Permission } from '../../lib/shared/share-token';
import type { AccessResult } from '../auth/auth-extension';
import type { IdentitySigner } from '../auth/identity';
import type { SessionLinks } from '../collab/storage/session-links';
import { bearerToken, failed, originOf, readJson, refuse, reply } from './http-replies';

export interface SessionsApiDeps {
  links: SessionLinks;
  identities: IdentitySigner;
  /** What a bearer token opens in a room (server/auth/auth-extension.ts: one decision for every door). */
  access(roomId: string, token: string | null): Promise<AccessResult>;
  /** The room's links were rotated to `generation`: close what they cut off, here and on every instance. */
  rotated(roomId: string, generation: number): void;
}

const ROOM_PATH = /^\/api\/sessions\/([A-Za-z0-9_-]{1,128})\/(links|rotate|identity)$/;
const MAX_BODY_BYTES = 4096;

/**
 * The sessions HTTP API, served by the Sparkpad server itself (with or without the Next pages):
 *   POST /api/sessions                 → a new room holding the starter file: owner, edit and view links (the owner
 *                                        link for its creator only)
 *   GET  /api/sessions/<room>/links    → the current edit and view links, for an edit or owner token
 *   POST /api/sessions/<room>/rotate   → new edit and view links, for the owner token only; old ones are cut off
 *   POST /api/sessions/<room>/identity → this browser's signed identity in the room, for any valid link token
 * Tokens come as `Authorization: Bearer <token>`. Returns false for any other path.
 */
export function handleSessionsApi(req: http.IncomingMessage, res: http.ServerResponse, deps: SessionsApiDeps): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/api/sessions') {
    if (req.method !== 'POST') return reply(res, 405, { error: 'METHOD_NOT_ALLOWED', message: 'Use POST.' });
    void deps.links.create(originOf(req), starterUpdate()).then((created) => reply(res, 201, created), (error: Error) => failed(res, error));
    return true;
  }
  const match = ROOM_PATH.exec(url.pathname);
  if (!match) return false;
  const [, roomId, action] = match as unknown as [string, string, 'links' | 'rotate' | 'identity'];
  const method = action === 'links' ? 'GET' : 'POST';
  if (req.method !== method) return reply(res, 405, { error: 'METHOD_NOT_ALLOWED', message: `Use ${method}.` });
  void serve(req, res, deps, roomId, action).catch((error: Error) => failed(res, error));
  return true;
}

const NEEDS: Record<'links' | 'rotate' | 'identity', Permission> = { links: 'edit', rotate: 'owner', identity: 'view' };

async function serve(req: http.IncomingMessage, res: http.ServerResponse, deps: SessionsApiDeps, roomId: string, action: keyof typeof NEEDS): Promise<unknown> {
  const access = await deps.access(roomId, bearerToken(req));
  if (!access.ok) return refuse(res, access.reason);
  if (!grants(access.permission, NEEDS[action])) return refuse(res, action === 'rotate' ? 'OWNER_ONLY' : 'UNAUTHORIZED');
  switch (action) {
    case 'links': {
      const current = await deps.links.current(roomId, originOf(req));
      return current ? reply(res, 200, current) : refuse(res, 'ROOM_NOT_FOUND');
    }
    case 'rotate': {
      const { links, generation } = await deps.links.rotate(roomId, originOf(req));
      deps.rotated(roomId, generation);
      return reply(res, 200, links);
    }
    case 'identity': {
      const body = identityRequestSchema.safeParse(await readJson(req, MAX_BODY_BYTES));
      if (!body.success) return reply(res, 400, { error: 'INVALID_MESSAGE', message: 'Send { "identity"?: string }.' });
      return reply(res, 200, deps.identities.confirmOrIssue(roomId, body.data.identity));
    }
  }
}
