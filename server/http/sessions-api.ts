// server/http/: the HTTP routes the Sparkpad server answers itself: the sessions API (rooms, links,
// rotation by the owner, signed identities).
import type http from 'node:http';
import { identityRequestSchema } from '../../lib/shared/protocol/sessions';
import { REFUSAL_MESSAGES, type RefusalReason } from '../../lib/shared/protocol/refusals';
import { grants, type Permission } from '../../lib/shared/share-token';
import type { AccessResult } from '../auth/auth-extension';
import type { IdentitySigner } from '../auth/identity';
import type { SessionLinks } from '../collab/storage/session-links';

export interface SessionsApiDeps {
  links: SessionLinks;
  identities: IdentitySigner;
  /** What a bearer token opens in a room (server/auth/auth-extension.ts: one decision for every door). */
  access(roomId: string, token: string | null): Promise<AccessResult>;
  /** The room's links were rotated to `generation`: close what they cut off, here and on every instance. */
  rotated(roomId: string, generation: number): void;
}

const STATUS: Partial<Record<RefusalReason, number>> = { ROOM_NOT_FOUND: 404, BAD_ROOM_ID: 400 };
const ROOM_PATH = /^\/api\/sessions\/([A-Za-z0-9_-]{1,128})\/(links|rotate|identity)$/;
const MAX_BODY_BYTES = 4096;

/**
 * The sessions HTTP API, served by the Sparkpad server itself (with or without the Next pages):
 *   POST /api/sessions                 → a new room: owner, edit and view links (the owner link for its creator only)
 *   GET  /api/sessions/<room>/links    → the current edit and view links, for an edit or owner token
 *   POST /api/sessions/<room>/rotate   → new edit and view links, for the owner token only; old ones are cut off
 *   POST /api/sessions/<room>/identity → this browser's signed identity in the room, for any valid link token
 * Tokens come as `Authorization: Bearer <token>`. Returns false for any other path.
 */
export function handleSessionsApi(req: http.IncomingMessage, res: http.ServerResponse, deps: SessionsApiDeps): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/api/sessions') {
    if (req.method !== 'POST') return reply(res, 405, { error: 'METHOD_NOT_ALLOWED', message: 'Use POST.' });
    void deps.links.create(originOf(req)).then((created) => reply(res, 201, created), (error: Error) => failed(res, error));
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
      const body = identityRequestSchema.safeParse(await readJson(req));
      if (!body.success) return reply(res, 400, { error: 'INVALID_MESSAGE', message: 'Send { "identity"?: string }.' });
      return reply(res, 200, deps.identities.confirmOrIssue(roomId, body.data.identity));
    }
  }
}

function refuse(res: http.ServerResponse, reason: RefusalReason): void {
  reply(res, STATUS[reason] ?? 403, { error: reason, message: REFUSAL_MESSAGES[reason] });
}

function failed(res: http.ServerResponse, error: Error): void {
  if (!res.headersSent) reply(res, 500, { error: 'INTERNAL', message: error.message });
}

function reply(res: http.ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

/** The token from `Authorization: Bearer <token>`, or null. */
function bearerToken(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
}

/** The origin the browser used, so links point where the user already is. */
function originOf(req: http.IncomingMessage): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value?.split(',')[0]?.trim());
  const host = first(req.headers['x-forwarded-host']) ?? req.headers.host ?? 'localhost';
  const proto = first(req.headers['x-forwarded-proto']) ?? ('encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http');
  return `${proto}://${host}`;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}
