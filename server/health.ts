import type http from 'node:http';
import type { StorageStatus } from './collab/extensions/persistence-extension';

export const HEALTH_PATH = '/api/health';

export interface HealthSources {
  version: string;
  startedAt: number;
  storage(): StorageStatus;
}

export interface HealthReport {
  /** `degraded` while something the server depends on is failing; the server still serves. */
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  storage: StorageStatus;
}

export function healthReport(sources: HealthSources): HealthReport {
  const storage = sources.storage();
  return {
    status: storage.state === 'ok' ? 'ok' : 'degraded',
    version: sources.version,
    uptimeSeconds: Math.round((Date.now() - sources.startedAt) / 1000),
    storage,
  };
}

/**
 * Answers GET /api/health from the server itself, not through Next: it stays cheap and answers even
 * while pages are not served. A degraded instance answers 200: it must not be restarted by a load
 * balancer while it holds edits it could not store yet.
 */
export function serveHealth(sources: HealthSources, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (req.method !== 'GET' || req.url?.split('?')[0] !== HEALTH_PATH) return false;
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(healthReport(sources)));
  return true;
}
