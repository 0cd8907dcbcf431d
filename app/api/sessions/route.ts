import { getServices } from '@/server/services';
import { requestOrigin } from './request-origin';

export const dynamic = 'force-dynamic';

/** Creates a room: `{ room, editToken, viewToken, editUrl, viewUrl }`. */
export async function POST(request: Request): Promise<Response> {
  const session = await getServices().createSession(requestOrigin(request));
  return Response.json(session, { status: 201, headers: { 'cache-control': 'no-store' } });
}
