'use client';

import { useMemo } from 'react';
import { diffRows } from '@/lib/browser/history/file-changes';

const SIGN = { same: ' ', added: '+', removed: '−' } as const;
const SPOKEN = { same: '', added: 'added since: ', removed: 'gone since: ' } as const;

/** One file's text from the version to now, line by line, read-only; long unchanged runs are folded. */
export function HistoryDiff({ path, version, now }: { path: string; version: string; now: string }) {
  const rows = useMemo(() => diffRows(version, now), [version, now]);
  return (
    <pre className="history-diff" data-testid="history-diff" role="region" aria-label={`Changes to ${path} since this version`} tabIndex={0}>
      {rows.map((row, i) =>
        row.kind === 'skipped' ? (
          <span key={i} className="diff-row diff-skipped">
            {`… ${row.lines} unchanged line${row.lines === 1 ? '' : 's'}`}
            {'\n'}
          </span>
        ) : (
          <span key={i} className={`diff-row diff-${row.kind}`} data-diff={row.kind}>
            <span className="visually-hidden">{SPOKEN[row.kind]}</span>
            <span className="diff-sign" aria-hidden="true">{SIGN[row.kind]}</span>
            {row.text}
            {'\n'}
          </span>
        ),
      )}
    </pre>
  );
}
