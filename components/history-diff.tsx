'use client';

import { useMemo } from 'react';
import { diffRows, nowLinesOf } from '@/lib/browser/history/file-changes';
import type { LineWriter } from '@/lib/browser/history/use-line-writers';

const SIGN = { same: ' ', added: '+', removed: '−' } as const;
const SPOKEN = { same: '', added: 'added since: ', removed: 'gone since: ' } as const;

interface Props {
  path: string;
  version: string;
  now: string;
  /** Who wrote each line of now's text; lines added since the version are shown with their writer. */
  writers: Array<LineWriter | null>;
}

/** One file's text from the version to now, line by line, read-only; long unchanged runs are folded. */
export function HistoryDiff({ path, version, now, writers }: Props) {
  const rows = useMemo(() => diffRows(version, now), [version, now]);
  const nowLines = useMemo(() => nowLinesOf(rows), [rows]);
  return (
    <pre className="history-diff" data-testid="history-diff" role="region" aria-label={`Changes to ${path} since this version`} tabIndex={0}>
      {rows.map((row, i) => {
        if (row.kind === 'skipped') {
          return (
            <span key={i} className="diff-row diff-skipped">
              {`… ${row.lines} unchanged line${row.lines === 1 ? '' : 's'}`}
              {'\n'}
            </span>
          );
        }
        const line = nowLines[i];
        const writer = row.kind === 'added' && line !== null && line !== undefined ? writers[line] : null;
        return (
          <span key={i} className={`diff-row diff-${row.kind}`} data-diff={row.kind}>
            <span className="visually-hidden">{SPOKEN[row.kind]}</span>
            <span className="diff-sign" aria-hidden="true">{SIGN[row.kind]}</span>
            {row.text}
            {writer && (
              <span className="diff-writer" data-testid="diff-writer" data-writer-kind={writer.kind}>
                <span className="visually-hidden">, written by </span>
                <span className="diff-writer-swatch" style={{ background: writer.color }} aria-hidden="true" />
                {writer.name}
              </span>
            )}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}
