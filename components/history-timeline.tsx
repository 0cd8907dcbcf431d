'use client';

import type { VersionKind, VersionMeta } from '@/lib/shared/protocol/history';

export const KIND_LABELS: Record<VersionKind, string> = {
  auto: 'Autosaved',
  checkpoint: 'Before Spark',
  manual: 'Saved',
  restore: 'Before a restore',
};

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export const formatWhen = (at: number): string => when.format(at);

/** What a version is called in the list and read out by the scrubber. */
export function versionTitle(version: VersionMeta): string {
  return version.label || KIND_LABELS[version.kind];
}

interface Props {
  /** Newest first, as the server lists them. */
  versions: VersionMeta[];
  selectedId: string | null;
  onSelect(id: string): void;
}

/**
 * The timeline: a scrubber from the oldest version (left) to the newest (right), and the same versions
 * as a list, newest first, for reading and picking one directly.
 */
export function HistoryTimeline({ versions, selectedId, onSelect }: Props) {
  const oldestFirst = [...versions].reverse();
  const index = Math.max(0, oldestFirst.findIndex((v) => v.id === selectedId));
  const current = oldestFirst[index];
  return (
    <div className="history-timeline">
      <label className="history-scrubber">
        <span className="visually-hidden">Scrub through versions, oldest to newest</span>
        <input
          type="range"
          min={0}
          max={Math.max(0, oldestFirst.length - 1)}
          value={index}
          disabled={oldestFirst.length < 2}
          aria-valuetext={current ? `${versionTitle(current)}, ${formatWhen(current.at)}` : 'No versions'}
          data-testid="history-scrubber"
          onChange={(e) => {
            const picked = oldestFirst[Number(e.target.value)];
            if (picked) onSelect(picked.id);
          }}
        />
      </label>
      <ol className="history-versions" aria-label="Versions, newest first">
        {versions.map((version) => (
          <li key={version.id}>
            <button
              className={`history-version${version.id === selectedId ? ' is-selected' : ''}`}
              aria-current={version.id === selectedId ? 'true' : undefined}
              data-testid="history-version"
              data-kind={version.kind}
              onClick={() => onSelect(version.id)}
            >
              <span className={`history-kind kind-${version.kind}`}>{KIND_LABELS[version.kind]}</span>
              <span className="history-version-title">{version.label || formatWhen(version.at)}</span>
              {version.label && <span className="history-version-when">{formatWhen(version.at)}</span>}
              {version.by.length > 0 && <span className="history-version-by">{version.by.join(', ')}</span>}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
