import type http from 'node:http';
import { roomDefaultsSchema } from '../../lib/shared/protocol/room-defaults';
import { grants } from '../../lib/shared/share-token';
import type { AccessResult } from '../auth/auth-extension';
import type { Storage } from '../collab/storage/storage';
import { bearerToken, failed, readJson, refuse, reply } from './http-replies';

export interface RoomDefaultsApiDeps {
  storage: Pick<Storage, 'loadRoomDefaults' | 'saveRoomDefaults'>;
  access(roomId: string, token: string | null): Promise<AccessResult>;
}

const DEFAULTS_PATH = /^\/api\/sessions\/([A-Za-z0-9_-]{1,128})\/defaults$/;
const MAX_BODY_BYTES = 1024;

/**
 * A room's defaults for settings its members have not chosen themselves (model pin, ghost text, theme,
 * font size):
 *   GET /api/sessions/<room>/defaults → the defaults, for any valid link token of the room
 *   PUT /api/sessions/<room>/defaults → replaces them, for the owner token only (OWNER_ONLY otherwise)
 * Returns false for any other path.
 */
export function handleRoomDefaultsApi(req: http.IncomingMessage, res: http.ServerResponse, deps: RoomDefaultsApiDeps): boolean {
  const match = DEFAULTS_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
  if (!match) return false;
  if (req.method !== 'GET' && req.method !== 'PUT') return reply(res, 405, { error: 'METHOD_NOT_ALLOWED', message: 'Use GET or PUT.' });
  void serve(req, res, deps, match[1]!).catch((error: Error) => failed(res, error));
  return true;
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse, deps: RoomDefaultsApiDeps, roomId: string): Promise<unknown> {
  const access = await deps.access(roomId, bearerToken(req));
  if (!access.ok) return refuse(res, access.reason);
  if (req.method === 'GET') return reply(res, 200, await deps.storage.loadRoomDefaults(roomId));
  if (!grants(access.permission, 'owner')) return refuse(res, 'OWNER_ONLY');
  const body = roomDefaultsSchema.safeParse(await readJson(req, MAX_BODY_BYTES));
  if (!body.success) {
    const fields = 'pin (auto|fast|deep), ghostText (on|off), theme (system|light|dark), fontSize (10-24), propose (large|always|never), proposalReviewers (asker|editors)';
    return reply(res, 400, { error: 'INVALID_MESSAGE', message: `Send a JSON object with any of ${fields}, and nothing else.` });
  }
  await deps.storage.saveRoomDefaults(roomId, body.data);
  return reply(res, 200, body.data);
}
