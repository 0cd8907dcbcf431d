import type http from 'node:http';
import * as Y from 'yjs';
import { fileTexts, filesOf, filesUpdate } from '../../lib/shared/document/doc-model';
import { canEdit } from '../../lib/shared/share-token';
import { IMPORT_REFUSAL_MESSAGES, type ImportRefusal, type ImportResult, type WorkspaceLimits } from '../../lib/shared/workspace/import-refusals';
import { readWorkspaceZip } from '../../lib/shared/workspace/read-workspace-zip';
import { checkWorkspace, type WorkspaceFiles } from '../../lib/shared/workspace/workspace-files';
import { writeWorkspaceZipOffThread } from '../../lib/shared/workspace/write-workspace-zip';
import type { AccessResult } from '../auth/auth-extension';
import type { RoomRegistry } from '../collab/core/room-registry';
import type { SessionLinks } from '../collab/storage/session-links';
import { bearerToken, failed, originOf, readBody, refuse, reply } from './http-replies';

export interface WorkspaceExchangeDeps {
  links: SessionLinks;
  rooms: RoomRegistry;
  /** The room limits (maxFilesPerRoom, maxDocumentBytes) an imported workspace must fit. */
  limits: WorkspaceLimits;
  access(roomId: string, token: string | null): Promise<AccessResult>;
}

const ROOM_PATH = /^\/api\/sessions\/([A-Za-z0-9_-]{1,128})\/(export|files)$/;
/** Who adds files to the room over HTTP: a writer of its own, as Spark is. */
export const HTTP_IMPORT_ORIGIN = Symbol('http-import');
// Beyond its files' bytes a zip holds two headers per entry (each with a name of at most 200 bytes and
// the extra fields archivers add), and directory entries, and an end record with a comment.
const ZIP_BYTES_PER_ENTRY = 2 * 1024;
const ZIP_END_BYTES = 64 * 1024 + 22;

/**
 * Workspaces in and out of a session:
 *   GET  /api/sessions/<room>/export                         → the workspace as application/zip (any valid token)
 *   POST /api/sessions with content-type: application/zip    → a new session holding those files
 *   POST /api/sessions/<room>/files with application/zip     → those files added to the session (edit token)
 * An import is held to the room's limits before anything is written: a refusal creates no room and no file.
 * Returns false for any other request.
 */
export function handleWorkspaceExchange(req: http.IncomingMessage, res: http.ServerResponse, deps: WorkspaceExchangeDeps): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/api/sessions' && req.method === 'POST' && isZip(req)) {
    void importZip(req, res, deps).catch((error: Error) => failed(res, error));
    return true;
  }
  const match = ROOM_PATH.exec(url.pathname);
  if (!match) return false;
  const [, roomId, action] = match as unknown as [string, string, 'export' | 'files'];
  const method = action === 'export' ? 'GET' : 'POST';
  if (req.method !== method) return reply(res, 405, { error: 'METHOD_NOT_ALLOWED', message: `Use ${method}.` });
  const serve = action === 'export' ? exportZip : addFiles;
  void serve(req, res, deps, roomId).catch((error: Error) => failed(res, error));
  return true;
}

function isZip(req: http.IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'application/zip';
}

async function exportZip(req: http.IncomingMessage, res: http.ServerResponse, deps: WorkspaceExchangeDeps, roomId: string): Promise<unknown> {
  const access = await deps.access(roomId, bearerToken(req));
  if (!access.ok) return refuse(res, access.reason);
  // Held, not read from storage: the loaded room has the edits of the last durability window too.
  const room = await deps.rooms.hold(roomId);
  let files: Record<string, string>;
  try {
    files = Object.fromEntries(fileTexts(room.doc));
  } finally {
    deps.rooms.release(room);
  }
  const zip = await writeWorkspaceZipOffThread(files);
  res.writeHead(200, {
    'content-type': 'application/zip',
    'content-length': zip.byteLength,
    'content-disposition': `attachment; filename="sparkpad-${roomId.slice(0, 8)}.zip"`,
    'cache-control': 'no-store',
  });
  res.end(zip);
  return undefined;
}

async function importZip(req: http.IncomingMessage, res: http.ServerResponse, deps: WorkspaceExchangeDeps): Promise<unknown> {
  const read = await readZipBody(req, deps.limits);
  if (!read.ok) return refuseImport(res, read.reason, read.file, read.unread);
  const update = filesUpdate(read.value);
  // The same bound the room applies to its updates, so the new session can still be edited.
  if (update.byteLength > deps.limits.maxBytes) return refuseImport(res, 'DOCUMENT_TOO_LARGE');
  return reply(res, 201, await deps.links.create(originOf(req), update));
}

async function addFiles(req: http.IncomingMessage, res: http.ServerResponse, deps: WorkspaceExchangeDeps, roomId: string): Promise<unknown> {
  const access = await deps.access(roomId, bearerToken(req));
  if (!access.ok) return refuse(res, access.reason);
  if (!canEdit(access.permission)) return refuseImport(res, 'READ_ONLY');
  const read = await readZipBody(req, deps.limits);
  if (!read.ok) return refuseImport(res, read.reason, read.file, read.unread);
  const files = read.value;
  const room = await deps.rooms.hold(roomId);
  try {
    // Checked against the room as it is now and applied in the same turn: nothing can land in between.
    const existing = filesOf(room.doc);
    const taken = Object.keys(files).find((path) => existing.has(path));
    if (taken !== undefined) return refuseImport(res, 'FILE_EXISTS', taken);
    const fits = checkWorkspace(files, deps.limits, { files: existing.size, bytes: room.updateBytes });
    if (!fits.ok) return refuseImport(res, fits.reason, fits.file);
    const update = filesUpdate(files);
    // A writer inside the server is a member: the room's extensions vet the write as they vet a person's.
    const refused = room.admitWrite({ bytes: update.byteLength, files: Object.keys(files) });
    if (refused) return refused in IMPORT_REFUSAL_MESSAGES ? refuseImport(res, refused as ImportRefusal) : refuse(res, refused);
    Y.applyUpdate(room.doc, update, HTTP_IMPORT_ORIGIN);
    return reply(res, 200, { ok: true, files: Object.keys(files) });
  } finally {
    deps.rooms.release(room);
  }
}

/** The body as a workspace under the room's limits; a body past any workspace's size is not read on. */
async function readZipBody(req: http.IncomingMessage, limits: WorkspaceLimits): Promise<ImportResult<WorkspaceFiles> & { unread?: boolean }> {
  const body = await readBody(req, limits.maxBytes + limits.maxFiles * ZIP_BYTES_PER_ENTRY + ZIP_END_BYTES);
  if (body === null) return { ok: false, reason: 'DOCUMENT_TOO_LARGE', file: undefined, unread: true };
  return readWorkspaceZip(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), limits);
}

const IMPORT_STATUS: Partial<Record<ImportRefusal, number>> = { DOCUMENT_TOO_LARGE: 413, READ_ONLY: 403, FILE_EXISTS: 409 };

/** A refusal by name; `unread` when the rest of the body was left unread, so the connection cannot be reused. */
function refuseImport(res: http.ServerResponse, reason: ImportRefusal, file?: string, unread = false): true {
  res.writeHead(IMPORT_STATUS[reason] ?? 422, { ...(unread ? { connection: 'close' } : {}), 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: reason, message: IMPORT_REFUSAL_MESSAGES[reason], ...(file === undefined ? {} : { file }) }));
  return true;
}
