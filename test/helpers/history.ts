import { versionFilesSchema, versionListSchema, writersSchema, type RoomWriters, type VersionFiles, type VersionMeta } from '../../lib/shared/protocol/history';

/** What a history route answered: the status and the parsed body. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

async function call<T>(url: string, path: string, token: string | null, init: { method?: string; body?: unknown } = {}): Promise<Answer<T>> {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** `GET /api/sessions/<room>/history`: the versions, newest first (throws unless 200). */
export async function listVersions(url: string, room: string, token: string): Promise<VersionMeta[]> {
  const answer = await call(url, `/api/sessions/${room}/history`, token);
  if (answer.status !== 200) throw new Error(`GET history answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return versionListSchema.parse(answer.body).versions;
}

/** `GET /api/sessions/<room>/history/<id>`: the version's files (throws unless 200). */
export async function versionFiles(url: string, room: string, token: string, id: string): Promise<VersionFiles> {
  const answer = await call(url, `/api/sessions/${room}/history/${id}`, token);
  if (answer.status !== 200) throw new Error(`GET history/${id} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return versionFilesSchema.parse(answer.body);
}

/** `POST /api/sessions/<room>/versions` with `{ label }`. */
export function saveVersion(url: string, room: string, token: string | null, label: string): Promise<Answer<{ id?: string; error?: string }>> {
  return call(url, `/api/sessions/${room}/versions`, token, { method: 'POST', body: { label } });
}

/** `POST /api/sessions/<room>/history/<id>/restore`, of the whole workspace or one `file`. */
export function restoreVersion(url: string, room: string, token: string | null, id: string, file?: string): Promise<Answer<{ ok?: boolean; error?: string }>> {
  return call(url, `/api/sessions/${room}/history/${id}/restore`, token, { method: 'POST', body: file ? { file } : {} });
}

/** Any history route, for tests of who may call which. */
export function historyCall(url: string, path: string, token: string | null, method = 'GET'): Promise<Answer<{ error?: string }>> {
  return call(url, path, token, { method, body: method === 'POST' ? {} : undefined });
}

/** `GET /api/sessions/<room>/writers`: who each Yjs client id is (throws unless 200). */
export async function roomWriters(url: string, room: string, token: string): Promise<RoomWriters> {
  const answer = await call(url, `/api/sessions/${room}/writers`, token);
  if (answer.status !== 200) throw new Error(`GET writers answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return writersSchema.parse(answer.body).writers;
}
