import { z } from 'zod';
import {
  savedVersionSchema,
  versionFilesSchema,
  versionListSchema,
  writersSchema,
  type RoomWriters,
  type VersionFiles,
  type VersionMeta,
} from '../../shared/protocol/history';

/** The browser's side of the history HTTP API (server/http/history-api.ts). */

export type HistoryResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** The link token this page holds, and its signed identity so the server credits the person by name. */
export interface HistoryCaller {
  room: string;
  token: string;
  identity: string | null;
}

const refusalSchema = z.object({ error: z.string(), message: z.string() });

async function call<T>(caller: HistoryCaller, path: string, schema: z.ZodType<T>, body?: Record<string, unknown>): Promise<HistoryResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/api/sessions/${encodeURIComponent(caller.room)}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${caller.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify({ ...body, ...(caller.identity ? { identity: caller.identity } : {}) }) : undefined,
      cache: 'no-store',
    });
  } catch {
    return { ok: false, message: 'The server cannot be reached.' };
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = refusalSchema.safeParse(json);
    return { ok: false, message: refusal.success ? refusal.data.message : `The server answered ${response.status}.` };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: 'The server sent an unexpected answer.' };
}

export async function fetchVersions(caller: HistoryCaller): Promise<HistoryResult<VersionMeta[]>> {
  const result = await call(caller, '/history', versionListSchema);
  return result.ok ? { ok: true, value: result.value.versions } : result;
}

export function fetchVersionFiles(caller: HistoryCaller, id: string): Promise<HistoryResult<VersionFiles>> {
  return call(caller, `/history/${encodeURIComponent(id)}`, versionFilesSchema);
}

export function saveVersion(caller: HistoryCaller, label: string): Promise<HistoryResult<{ id: string }>> {
  return call(caller, '/versions', savedVersionSchema, { label });
}

/** Restores the whole workspace, or only `file`; the edit arrives through the document like any other. */
export function restoreVersion(caller: HistoryCaller, id: string, file?: string): Promise<HistoryResult<{ ok: true }>> {
  return call(caller, `/history/${encodeURIComponent(id)}/restore`, z.object({ ok: z.literal(true) }), file ? { file } : {});
}

/** Who each Yjs client id that wrote in the room is, to name the writer of each line now. */
export async function fetchWriters(caller: HistoryCaller): Promise<HistoryResult<RoomWriters>> {
  const result = await call(caller, '/writers', writersSchema);
  return result.ok ? { ok: true, value: result.value.writers } : result;
}
