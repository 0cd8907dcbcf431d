import { getServices } from '@/server/services';
import { bearerToken, requestOrigin } from '../../request-origin';
import { linksResponse } from '../../links-response';

export const dynamic = 'force-dynamic';

/** Replaces both links of a room; connections opened with the old ones are closed. */
export async function POST(request: Request, { params }: { params: Promise<{ room: string }> }): Promise<Response> {
  const { room } = await params;
  return linksResponse(await getServices().rotateLinks(room, bearerToken(request), requestOrigin(request)));
}
