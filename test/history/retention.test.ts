import { describe, expect, it } from 'vitest';
import type { VersionMeta } from '../../lib/shared/protocol/history';
import { versionsToThin } from '../../server/history/retention';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const NOW = 100 * DAY;

/** Versions at these times before now, newest first, as storage lists them. */
function versionsAgo(...agoMs: number[]): VersionMeta[] {
  return agoMs
    .map((ago, i) => ({ id: `v${i}`, at: NOW - ago, kind: 'auto' as const, label: '', by: [] }))
    .sort((a, b) => b.at - a.at);
}

describe('version retention', () => {
  it('keeps every version of the last day', () => {
    const versions = versionsAgo(0, 60_000, 2 * 60_000, HOUR, DAY - 1);
    expect(versionsToThin(versions, NOW, { hourlyAfterMs: DAY, maxVersions: 100 })).toEqual([]);
  });

  it('thins older versions to the newest one of each hour', () => {
    const hourStart = Math.floor((NOW - 2 * DAY) / HOUR) * HOUR;
    const versions = [hourStart + 50 * 60_000, hourStart + 30 * 60_000, hourStart + 1, hourStart - 1].map((at, i) => ({
      id: `old${i}`, at, kind: 'auto' as const, label: '', by: [],
    }));
    expect(versionsToThin(versions, NOW, { hourlyAfterMs: DAY, maxVersions: 100 }).sort()).toEqual(['old1', 'old2']);
  });

  it('past the cap, thins a burst and keeps the older history it would have pushed out', () => {
    const MINUTE = 60_000;
    // Four versions spread over the day, then a burst of six in one second.
    const spread = [20 * HOUR, 12 * HOUR, 6 * HOUR, HOUR];
    const burst = [5, 4, 3, 2, 1, 0].map((s) => s * 200);
    const versions = versionsAgo(...spread, ...burst, 30 * MINUTE);
    const dropped = versionsToThin(versions, NOW, { hourlyAfterMs: DAY, maxVersions: 7 });
    expect(dropped).toHaveLength(4);
    const kept = versions.filter((v) => !dropped.includes(v.id)).map((v) => NOW - v.at);
    expect(kept).toEqual(expect.arrayContaining([...spread, 30 * MINUTE, 0]));
  });

  it('keeps only the newest when the cap is one', () => {
    const versions = versionsAgo(0, 1, 2);
    expect(versionsToThin(versions, NOW, { hourlyAfterMs: DAY, maxVersions: 1 }).sort()).toEqual(['v1', 'v2']);
  });
});
