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

  it('drops the oldest past the cap', () => {
    const versions = versionsAgo(0, 1, 2, 3, 4);
    expect(versionsToThin(versions, NOW, { hourlyAfterMs: DAY, maxVersions: 3 })).toEqual(['v3', 'v4']);
  });
});
