import type http from 'node:http';
import type { Registry } from 'prom-client';
import { healthReport, HEALTH_PATH, type HealthSources } from './health';

export const METRICS_PATH = '/api/metrics';

/**
 * Answers GET /api/health and /api/metrics from the server itself, not through Next: they stay cheap and
 * answer even while pages are not served. A degraded instance answers health with 200: it must not be
 * restarted by a load balancer while it holds edits it could not store yet.
 */
export function serveOpsRoute(
  sources: HealthSources,
  metrics: Registry,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): boolean {
  if (req.method !== 'GET') return false;
  const path = req.url?.split('?')[0];
  if (path === HEALTH_PATH) {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(healthReport(sources)));
    return true;
  }
  if (path === METRICS_PATH) {
    metrics.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        res.end(text);
      },
      () => {
        res.statusCode = 500;
        res.end();
      },
    );
    return true;
  }
  return false;
}
