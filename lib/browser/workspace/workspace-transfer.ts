import { zipSync } from 'fflate';
import { createdSessionSchema, type CreatedSession } from '../../shared/protocol/sessions';
import { fileTexts } from '../../shared/document/doc-model';
import { writeWorkspaceZip } from '../../shared/workspace/write-workspace-zip';
import type * as Y from 'yjs';
import type { PickedFile } from './dropped-files';

export type TransferResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Files going into a session travel as one .zip, so the server holds them to the room's limits in one
 * place (lib/shared/workspace) whichever way they came: a dropped .zip as it is, anything else zipped here.
 */
export async function zipForUpload(files: PickedFile[]): Promise<Uint8Array> {
  const only = files.length === 1 ? files[0]! : null;
  if (only && /\.zip$/i.test(only.path)) return new Uint8Array(await only.file.arrayBuffer());
  const entries: Record<string, Uint8Array> = {};
  for (const { path, file } of files) entries[path] = new Uint8Array(await file.arrayBuffer());
  return zipSync(entries);
}

/** A new session holding the files (`POST /api/sessions` with a zip). */
export function startSessionFrom(zip: Uint8Array): Promise<TransferResult<CreatedSession>> {
  return send('/api/sessions', zip, {}, (body) => createdSessionSchema.parse(body));
}

/** The files added to a running session (`POST /api/sessions/<room>/files`), all or none. */
export function addFilesTo(room: string, token: string, zip: Uint8Array): Promise<TransferResult<string[]>> {
  return send(`/api/sessions/${encodeURIComponent(room)}/files`, zip, { authorization: `Bearer ${token}` }, (body) => (body as { files: string[] }).files);
}

async function send<T>(url: string, zip: Uint8Array, headers: Record<string, string>, read: (body: unknown) => T): Promise<TransferResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/zip' }, body: zip as BodyInit });
  } catch {
    return { ok: false, message: 'The server cannot be reached.' };
  }
  const body = (await response.json().catch(() => null)) as { message?: string; file?: string } | null;
  if (!response.ok) {
    const what = body?.message ?? `The server answered ${response.status}.`;
    return { ok: false, message: body?.file ? `${body.file}: ${what}` : what };
  }
  return { ok: true, value: read(body) };
}

/** The workspace as a .zip, written here from this browser's copy of the document (so it works offline). */
export function downloadWorkspace(doc: Y.Doc, room: string): void {
  const files = Object.fromEntries(fileTexts(doc));
  const blob = new Blob([writeWorkspaceZip(files) as BlobPart], { type: 'application/zip' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `sparkpad-${room.slice(0, 8)}.zip`;
  link.click();
  // The download has taken its copy once the click is handled; the next task may free the blob.
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}
