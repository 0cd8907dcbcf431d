'use client';

import type { RunError } from '@/lib/shared/document/run-error';
import type { RunRecord } from '@/lib/shared/document/run-log';
import { canAskSpark, useSparkStore } from '@/lib/browser/ai/spark-store';
import { askFix, useRunFixStore, type RunFixState } from '@/lib/browser/run/run-fix-store';

function statusText(state: RunFixState): string {
  switch (state.kind) {
    case 'asking':
      return 'Spark is looking at the error…';
    case 'proposed':
      return `Spark proposed a fix (${state.changes} change${state.changes === 1 ? '' : 's'}): accept it and Spark runs the file again.`;
    case 'refused':
      return state.error.message;
  }
}

/**
 * Under a failed run: where it failed, and "Fix with Spark" for people who may ask Spark to write (the
 * server refuses a view-only link anyway). The fix itself shows up as a proposal and in the chat.
 */
export function RunFixAction({ run, failure }: { run: RunRecord; failure: RunError }) {
  const spark = useSparkStore((s) => s.client);
  const mayAsk = useSparkStore((s) => canAskSpark(s.connection));
  const state = useRunFixStore((s) => s.fixes[run.id]);
  const busy = state?.kind === 'asking';
  return (
    <div className="run-fix" data-testid="run-fix">
      <span className="run-fix-where" data-testid="run-fix-where">
        {failure.name} at {failure.file ? `${failure.file}:${failure.line}` : run.file}
      </span>
      {mayAsk && (
        <button type="button" className="button run-fix-button" data-testid="run-fix-button" disabled={busy} onClick={() => askFix(spark, run.id)}>
          Fix with Spark
        </button>
      )}
      {state && (
        <span className={`run-fix-status is-${state.kind}`} data-testid="run-fix-status" data-state={state.kind} role="status">
          {statusText(state)}
        </span>
      )}
    </div>
  );
}
