import type http from 'node:http';
import { getFile, listFiles } from '../../lib/shared/document/doc-model';
import { openingLines, type Opening } from '../../lib/shared/protocol/opening';
import type { AccessResult } from '../auth/auth-extension';
import type { RoomRegistry } from '../collab/core/room-registry';
import { bearerToken, failed, refuse, reply } from './http-replies';

export interface OpeningApiDeps {
  rooms: RoomRegistry;
  access(roomId: string, token: string | null): Promise<AccessResult>;
}

const OPENING_PATH = /^\/api\/sessions\/([A-Za-z0-9_-]{1,128})\/opening$/;

/**
 * GET /api/sessions/<room>/opening → the file a page opens first and its first lines (lib/shared/protocol/
 * opening.ts), for any valid link token: what the page draws before its scripts and the editor have loaded.
 * Returns false for any other path.
 */
export function handleOpeningApi(req: http.IncomingMessage, res: http.ServerResponse, deps: OpeningApiDeps): boolean {
  const match = OPENING_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
  if (!match) return false;
  if (req.method !== 'GET') return reply(res, 405, { error: 'METHOD_NOT_ALLOWED', message: 'Use GET.' });
  void serve(req, res, deps, match[1]!).catch((error: Error) => failed(res, error));
  return true;
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse, deps: OpeningApiDeps, roomId: string): Promise<unknown> {
  const access = await deps.access(roomId, bearerToken(req));
  if (!access.ok) return refuse(res, access.reason);
  // Held, not read from storage: the loaded room has the latest edits, and loading it now readies it
  // for the websocket the same page opens a moment later.
  const room = await deps.rooms.hold(roomId);
  let opening: Opening;
  try {
    const path = listFiles(room.doc)[0] ?? null;
    opening = { path, lines: path === null ? [] : openingLines(getFile(room.doc, path)?.toString() ?? '') };
  } finally {
    deps.rooms.release(room);
  }
  return reply(res, 200, opening);
}
