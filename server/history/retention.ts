import type { VersionMeta } from '../../lib/shared/protocol/history';

export interface RetentionSettings {
  /** Versions older than this are thinned to the newest one of each clock hour. */
  hourlyAfterMs: number;
  /** Past this many, the oldest go, so one room's history cannot grow without bound. */
  maxVersions: number;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The versions retention removes, given a room's versions newest first. Within `hourlyAfterMs` every
 * version is kept; before it, one per hour (the newest of that hour, the state it ended in).
 */
export function versionsToThin(versions: VersionMeta[], now: number, settings: RetentionSettings): string[] {
  const drop = new Set<string>();
  const hoursKept = new Set<number>();
  for (const version of versions) {
    if (now - version.at <= settings.hourlyAfterMs) continue;
    const hour = Math.floor(version.at / HOUR_MS);
    if (hoursKept.has(hour)) drop.add(version.id);
    else hoursKept.add(hour);
  }
  const kept = versions.filter((version) => !drop.has(version.id));
  for (const version of kept.slice(settings.maxVersions)) drop.add(version.id);
  return [...drop];
}
