import { getServices } from '@/server/services';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const { metrics } = getServices();
  return new Response(await metrics.metrics(), { headers: { 'content-type': metrics.contentType } });
}
