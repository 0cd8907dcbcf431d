import { getServices } from '@/server/services';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  const { version, startedAt } = getServices();
  return Response.json({ status: 'ok', version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
}
