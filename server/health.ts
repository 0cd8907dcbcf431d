import type { ConnectedModel } from '../lib/shared/protocol/ai';
import type { RedisStatus } from './collab/distribution/redis-distributor';
import type { StorageStatus } from './collab/extensions/persistence-extension';

export const HEALTH_PATH = '/api/health';

export interface HealthSources {
  version: string;
  startedAt: number;
  storage(): StorageStatus;
  /** Present when the instance is one of a cluster (SPARKPAD_REDIS_URL). */
  redis?: () => RedisStatus;
  ai?: () => AiStatus;
}

/** Spark's tiers as configured or found at start; no model is not degraded (ghost text still works). */
export interface AiStatus {
  model: ConnectedModel;
  fast: string;
  deep: string;
}

export interface HealthReport {
  /** `degraded` while something the server depends on is failing; the server still serves. */
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  storage: StorageStatus;
  redis?: RedisStatus;
  ai?: AiStatus;
}

export function healthReport(sources: HealthSources): HealthReport {
  const storage = sources.storage();
  const redis = sources.redis?.();
  const healthy = storage.state === 'ok' && (!redis || redis.state === 'ready');
  return {
    status: healthy ? 'ok' : 'degraded',
    version: sources.version,
    uptimeSeconds: Math.round((Date.now() - sources.startedAt) / 1000),
    storage,
    ...(redis ? { redis } : {}),
    ...(sources.ai ? { ai: sources.ai() } : {}),
  };
}
