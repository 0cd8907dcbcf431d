import type http from 'node:http';
import {
  HISTORY_REFUSAL,
  restoreRequestSchema,
  saveVersionRequestSchema,
  type HistoryRefusal,
} from '../../lib/shared/protocol/history';
import { canEdit } from '../../lib/shared/share-token';
import type { AccessResult } from '../auth/auth-extension';
import type { HistoryService } from '../history/history-service';
import { bearerToken, failed, readJson, refuse, reply } from './http-replies';

export interface HistoryApiDeps {
  history: HistoryService;
  /** What a bearer token opens in a room (the same decision as every other door). */
  access(roomId: string, token: string | null): Promise<AccessResult>;
  /** The name the room shows for a browser's signed identity, to credit a version or a restore. */
  nameFor(roomId: string, identity: string | undefined): Promise<string>;
}

const ROOM = '([A-Za-z0-9_-]{1,128})';
const VERSION = '([A-Za-z0-9_-]{1,64})';
const ROUTES = [
  { action: 'list', method: 'GET', path: new RegExp(`^/api/sessions/${ROOM}/history$`) },
  { action: 'writers', method: 'GET', path: new RegExp(`^/api/sessions/${ROOM}/writers$`) },
  { action: 'show', method: 'GET', path: new RegExp(`^/api/sessions/${ROOM}/history/${VERSION}$`) },
  { action: 'save', method: 'POST', path: new RegExp(`^/api/sessions/${ROOM}/versions$`) },
  { action: 'restore', method: 'POST', path: new RegExp(`^/api/sessions/${ROOM}/history/${VERSION}/restore$`) },
] as const;
type Action = (typeof ROUTES)[number]['action'];

const MAX_BODY_BYTES = 4096;
const STATUS: Record<HistoryRefusal, number> = {
  VERSION_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  READ_ONLY: 403,
  TOO_MANY_FILES: 409,
  DOCUMENT_TOO_LARGE: 409,
  INVALID_MESSAGE: 400,
};

/**
 * The history HTTP API, beside the sessions API:
 *   GET  /api/sessions/<room>/history              → { versions: [{ id, at, kind, label, by }] }, newest first
 *   GET  /api/sessions/<room>/history/<id>         → { id, at, files: { path: text } }
 *   GET  /api/sessions/<room>/writers              → { writers: { clientId: { name, color, kind } } }
 *   POST /api/sessions/<room>/versions             → { id }: a version now, with `{ label }` (edit)
 *   POST /api/sessions/<room>/history/<id>/restore → { ok: true }: the workspace, or `{ file }`, restored (edit)
 * Any link token may browse; saving and restoring need edit. Returns false for any other path.
 */
export function handleHistoryApi(req: http.IncomingMessage, res: http.ServerResponse, deps: HistoryApiDeps): boolean {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  for (const route of ROUTES) {
    const match = route.path.exec(pathname);
    if (!match) continue;
    if (req.method !== route.method) return reply(res, 405, { error: 'METHOD_NOT_ALLOWED', message: `Use ${route.method}.` });
    void serve(req, res, deps, route.action, match[1]!, match[2]).catch((error: Error) => failed(res, error));
    return true;
  }
  return false;
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse, deps: HistoryApiDeps, action: Action, roomId: string, versionId?: string): Promise<unknown> {
  const access = await deps.access(roomId, bearerToken(req));
  if (!access.ok) return refuse(res, access.reason);
  const writes = action === 'save' || action === 'restore';
  if (writes && !canEdit(access.permission)) return historyRefusal(res, 'READ_ONLY');
  switch (action) {
    case 'list':
      return reply(res, 200, { versions: await deps.history.list(roomId) });
    case 'writers':
      return reply(res, 200, { writers: deps.history.writers.of(roomId) });
    case 'show': {
      const files = await deps.history.files(roomId, versionId!);
      return files ? reply(res, 200, files) : historyRefusal(res, 'VERSION_NOT_FOUND');
    }
    case 'save': {
      const body = saveVersionRequestSchema.safeParse(await readJson(req, MAX_BODY_BYTES));
      if (!body.success) return historyRefusal(res, 'INVALID_MESSAGE');
      const saved = await deps.history.save(roomId, body.data.label, await deps.nameFor(roomId, body.data.identity));
      return reply(res, 201, { id: saved.id });
    }
    case 'restore': {
      const body = restoreRequestSchema.safeParse(await readJson(req, MAX_BODY_BYTES));
      if (!body.success) return historyRefusal(res, 'INVALID_MESSAGE');
      const by = await deps.nameFor(roomId, body.data.identity);
      const result = await deps.history.restore(roomId, versionId!, body.data.file, by);
      return result.ok ? reply(res, 200, { ok: true, changed: result.changed, before: result.before.id }) : historyRefusal(res, result.reason);
    }
  }
}

function historyRefusal(res: http.ServerResponse, reason: HistoryRefusal): true {
  return reply(res, STATUS[reason], { error: reason, message: HISTORY_REFUSAL[reason] });
}
