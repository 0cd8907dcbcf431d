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
