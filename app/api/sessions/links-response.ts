import { REFUSAL_MESSAGES } from '@/lib/shared/protocol/refusals';
import type { LinksResult } from '@/server/services';

const STATUS = { ROOM_NOT_FOUND: 404, BAD_ROOM_ID: 400 } as Record<string, number>;

export function linksResponse(result: LinksResult): Response {
  if (result.ok) return Response.json(result.links, { headers: { 'cache-control': 'no-store' } });
  return Response.json(
    { error: result.reason, message: REFUSAL_MESSAGES[result.reason] },
    { status: STATUS[result.reason] ?? 403 },
  );
}
