import type http from 'node:http';
import * as Y from 'yjs';
import { createFile, getFile, listFiles } from '../../lib/shared/document/doc-model';
import { IMPORT_REFUSAL_MESSAGES, type ImportRefusal, type WorkspaceLimits } from '../../lib/shared/workspace/import-refusals';
import { readWorkspaceZip } from '../../lib/shared/workspace/read-workspace-zip';
import type { WorkspaceFiles } from '../../lib/shared/workspace/workspace-files';
import { writeWorkspaceZip } from '../../lib/shared/workspace/write-workspace-zip';
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

const EXPORT_PATH = /^\/api\/sessions\/([A-Za-z0-9_-]{1,128})\/export$/;
// Beyond its files' bytes a zip holds two headers per entry (each with a name of at most 200 bytes and
// the extra fields archivers add), and directory entries, and an end record with a comment.
const ZIP_BYTES_PER_ENTRY = 2 * 1024;
const ZIP_END_BYTES = 64 * 1024 + 22;

/**
 * Workspaces in and out of a session:
 *   GET  /api/sessions/<room>/export                         → the workspace as application/zip (any valid token)
 *   POST /api/sessions with content-type: application/zip    → a new session holding those files
 * An import is held to the room's limits before anything is created: a refusal creates no room.
 * Returns false for any other request.
 */
export function handleWorkspaceExchange(req: http.IncomingMessage, res: http.ServerResponse, deps: WorkspaceExchangeDeps): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/api/sessions' && req.method === 'POST' && isZip(req)) {
    void importZip(req, res, deps).catch((error: Error) => failed(res, error));
    return true;
  }
  const match = EXPORT_PATH.exec(url.pathname);
  if (!match) return false;
  if (req.method !== 'GET') return reply(res, 405, { error: 'METHOD_NOT_ALLOWED', message: 'Use GET.' });
  void exportZip(req, res, deps, match[1]!).catch((error: Error) => failed(res, error));
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
  let zip: Uint8Array;
  try {
    const files: WorkspaceFiles = {};
    for (const path of listFiles(room.doc)) files[path] = getFile(room.doc, path)!.toString();
    zip = writeWorkspaceZip(files);
  } finally {
    deps.rooms.release(room);
  }
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
  const { maxFiles, maxBytes } = deps.limits;
  const body = await readBody(req, maxBytes + maxFiles * ZIP_BYTES_PER_ENTRY + ZIP_END_BYTES);
  if (body === null) return refuseImport(res, 'DOCUMENT_TOO_LARGE', undefined, { connection: 'close' });
  const read = readWorkspaceZip(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), deps.limits);
  if (!read.ok) return refuseImport(res, read.reason, read.file);
  const doc = new Y.Doc();
  for (const [path, text] of Object.entries(read.value)) createFile(doc, path, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  // The same bound the room applies to its updates, so the new session can still be edited.
  if (update.byteLength > maxBytes) return refuseImport(res, 'DOCUMENT_TOO_LARGE');
  return reply(res, 201, await deps.links.create(originOf(req), update));
}

const IMPORT_STATUS: Partial<Record<ImportRefusal, number>> = { DOCUMENT_TOO_LARGE: 413 };

function refuseImport(res: http.ServerResponse, reason: ImportRefusal, file?: string, headers: http.OutgoingHttpHeaders = {}): true {
  res.writeHead(IMPORT_STATUS[reason] ?? 422, { ...headers, 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: reason, message: IMPORT_REFUSAL_MESSAGES[reason], ...(file === undefined ? {} : { file }) }));
  return true;
}
