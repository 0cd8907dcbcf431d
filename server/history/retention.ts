import type { VersionMeta } from '../../lib/shared/protocol/history';

export interface RetentionSettings {
  /** Versions older than this are thinned to the newest one of each clock hour. */
  hourlyAfterMs: number;
  /** Past this many, versions go where they stand closest together, so history cannot grow without bound. */
  maxVersions: number;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The versions retention removes, given a room's versions newest first. Within `hourlyAfterMs` every
 * version is kept; before it, one per hour (the newest of that hour, the state it ended in). Past
 * `maxVersions`, the version nearest in time to the next newer one goes, again and again: a burst (a
 * hundred Spark edits in a minute) thins itself and never pushes older history out.
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
  // How long after this version the next newer one came.
  const gap = (i: number) => kept[i - 1]!.at - kept[i]!.at;
  while (kept.length > Math.max(settings.maxVersions, 2)) {
    // The newest and the oldest stay; of the others, the one closest to its newer neighbour goes.
    let closest = 1;
    for (let i = 2; i < kept.length - 1; i++) if (gap(i) < gap(closest)) closest = i;
    drop.add(kept[closest]!.id);
    kept.splice(closest, 1);
  }
  for (const version of kept.slice(settings.maxVersions)) drop.add(version.id);
  return [...drop];
}
