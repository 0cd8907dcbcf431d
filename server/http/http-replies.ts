import type http from 'node:http';
import { REFUSAL_MESSAGES, type RefusalReason } from '../../lib/shared/protocol/refusals';

/** HTTP statuses of the refusals that are not "you may not" (403). */
const STATUS: Partial<Record<RefusalReason, number>> = { ROOM_NOT_FOUND: 404, BAD_ROOM_ID: 400 };

/** Refuses with the websocket's reason name and sentence, so every door says the same thing. */
export function refuse(res: http.ServerResponse, reason: RefusalReason): true {
  return reply(res, STATUS[reason] ?? 403, { error: reason, message: REFUSAL_MESSAGES[reason] });
}

export function failed(res: http.ServerResponse, error: Error): void {
  if (!res.headersSent) reply(res, 500, { error: 'INTERNAL', message: error.message });
}

export function reply(res: http.ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
}

/** The origin the browser used, so links point where the user already is. */
export function originOf(req: http.IncomingMessage): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value?.split(',')[0]?.trim());
  const host = first(req.headers['x-forwarded-host']) ?? req.headers.host ?? 'localhost';
  const proto = first(req.headers['x-forwarded-proto']) ?? ('encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http');
  return `${proto}://${host}`;
}

/** The request body, or null once it passes `maxBytes` (the rest is not read). */
export async function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A small JSON body: {} when empty, null when too large or not JSON. */
export async function readJson(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  const body = await readBody(req, maxBytes);
  if (body === null) return null;
  if (body.byteLength === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}
