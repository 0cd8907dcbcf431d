import { getServices } from '@/server/services';
import { bearerToken, requestOrigin } from '../../request-origin';
import { linksResponse } from '../../links-response';

export const dynamic = 'force-dynamic';

/** The room's edit and view links, for a holder of its edit token (`Authorization: Bearer`). */
export async function GET(request: Request, { params }: { params: Promise<{ room: string }> }): Promise<Response> {
  const { room } = await params;
  return linksResponse(await getServices().sessionLinks(room, bearerToken(request), requestOrigin(request)));
}
