import { z } from 'zod';
import {
  createdSessionSchema,
  issuedIdentitySchema,
  sessionLinksSchema,
  type CreatedSession,
  type IssuedIdentityBody,
  type SessionLinks,
} from '../../shared/protocol/sessions';
import { roomDefaultsSchema, type RoomDefaults } from '../../shared/protocol/room-defaults';
import { earlyIdentity } from '../ui/opening-boot-script';

/** The browser's side of the sessions HTTP API (server/http/sessions-api.ts). */

export { createdSessionSchema, sessionLinksSchema, type CreatedSession, type SessionLinks };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; message: string };

async function request<T>(input: string, init: RequestInit, schema: z.ZodType<T>): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    return { ok: false, message: 'The server cannot be reached.' };
  }
  const body: unknown = await response.json().catch(() => null);
  return resultOf({ ok: response.ok, status: response.status, body }, schema);
}

/** A response's status and parsed body (null when it was not JSON) as the API's result. */
export function resultOf<T>(answer: { ok: boolean; status: number; body: unknown }, schema: z.ZodType<T>): ApiResult<T> {
  if (!answer.ok) return { ok: false, message: `The server answered ${answer.status}${reasonOf(answer.body)}.` };
  const parsed = schema.safeParse(answer.body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: 'The server sent an unexpected answer.' };
}

function reasonOf(body: unknown): string {
  const parsed = z.object({ reason: z.string() }).or(z.object({ error: z.string() })).safeParse(body);
  if (!parsed.success) return '';
  return ` (${'reason' in parsed.data ? parsed.data.reason : parsed.data.error})`;
}

export function createSession(signal?: AbortSignal): Promise<ApiResult<CreatedSession>> {
  return request('/api/sessions', { method: 'POST', signal }, createdSessionSchema);
}

/** Both share links of a room; only a holder of its edit or owner token may ask. */
export function fetchSessionLinks(room: string, editToken: string, signal?: AbortSignal): Promise<ApiResult<SessionLinks>> {
  return request(
    `/api/sessions/${encodeURIComponent(room)}/links`,
    { headers: { authorization: `Bearer ${editToken}` }, signal, cache: 'no-store' },
    sessionLinksSchema,
  );
}

/** Replaces both share links, cutting off everyone who holds the old ones; the owner token only. */
export function resetSessionLinks(room: string, ownerToken: string): Promise<ApiResult<SessionLinks>> {
  return request(
    `/api/sessions/${encodeURIComponent(room)}/rotate`,
    { method: 'POST', headers: { authorization: `Bearer ${ownerToken}` } },
    sessionLinksSchema,
  );
}

/**
 * This browser's identity in the room, signed by the server: the stored one confirmed, or a new one.
 * The page's inline script asks the same question as the HTML loads (opening-boot-script.ts); its
 * answer is taken when it was asked with this token and stored identity.
 */
export function requestIdentity(room: string, token: string, stored: string | null, signal?: AbortSignal): Promise<ApiResult<IssuedIdentityBody>> {
  const early = earlyIdentity(room, token, stored);
  if (early) {
    return early.then((answer) =>
      answer ? resultOf(answer, issuedIdentitySchema) : { ok: false as const, message: 'The server cannot be reached.' },
    );
  }
  return fetchIdentity(room, token, stored, signal);
}

function fetchIdentity(room: string, token: string, stored: string | null, signal?: AbortSignal): Promise<ApiResult<IssuedIdentityBody>> {
  return request(
    `/api/sessions/${encodeURIComponent(room)}/identity`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(stored ? { identity: stored } : {}),
      signal,
    },
    issuedIdentitySchema,
  );
}

/** The room's defaults for settings a member has not chosen; any valid link token may read them. */
export function fetchRoomDefaults(room: string, token: string, signal?: AbortSignal): Promise<ApiResult<RoomDefaults>> {
  return request(
    `/api/sessions/${encodeURIComponent(room)}/defaults`,
    { headers: { authorization: `Bearer ${token}` }, signal, cache: 'no-store' },
    roomDefaultsSchema,
  );
}

/** Replaces the room's defaults; the owner token only. */
export function saveRoomDefaults(room: string, ownerToken: string, defaults: RoomDefaults): Promise<ApiResult<RoomDefaults>> {
  return request(
    `/api/sessions/${encodeURIComponent(room)}/defaults`,
    { method: 'PUT', headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' }, body: JSON.stringify(defaults) },
    roomDefaultsSchema,
  );
}

/** `/s/<room>#k=<token>` from an absolute link: navigating there keeps the page on our own origin. */
export function localPathOf(url: string): string {
  const parsed = new URL(url, window.location.href);
  return `${parsed.pathname}${parsed.hash}`;
}
