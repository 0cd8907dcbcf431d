'use client';

import { useEffect, useRef } from 'react';
import type { OutputLine } from '@/lib/browser/run/run-in-sandbox';
import type { RunRecord } from '@/lib/shared/document/run-log';
import { useRunStore } from '@/lib/browser/run/run-store';
import { useRuns } from '@/lib/browser/run/use-runs';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { useWorkspaceStore } from '@/lib/browser/workspace/workspace-store';
import { failureOf } from '@/lib/shared/document/run-error';
import { RunFixAction } from './run-fix-action';

function Lines({ lines }: { lines: OutputLine[] }) {
  return (
    <>
      {lines.map((line, i) => (
        <div key={i} className={`run-line run-line-${line.level}`}>
          {line.text}
        </div>
      ))}
    </>
  );
}

function RunEntry({ run, files }: { run: RunRecord; files: string[] }) {
  const failure = failureOf(run, files);
  return (
    <div className="run-entry" data-testid="run-entry" data-status={run.status} data-rerun={run.rerunOf ? 'true' : undefined}>
      <div className="run-entry-head">
        <span className="run-dot" style={{ background: run.color }} />
        <strong>{run.by}</strong> ran <code>{run.file}</code>
        {run.rerunOf && <span className="run-rerun">again, after Spark’s fix</span>}
      </div>
      <Lines lines={run.output} />
      {run.truncated && <div className="run-line run-line-system">(output cut to fit the session)</div>}
      {failure && <RunFixAction run={run} failure={failure} />}
    </div>
  );
}

/** Output of runs: everyone's shared runs, then this person's run in progress. */
export function RunOutput() {
  const client = useSessionStore((s) => s.client);
  const runs = useRuns(client);
  const files = useWorkspaceStore((s) => s.files);
  const running = useRunStore((s) => s.running);
  const localResult = useRunStore((s) => s.localResult);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [runs.length, running?.output.length]);

  return (
    <section className="run-output" data-testid="run-output" aria-label="Run output">
      {runs.length === 0 && !running && !localResult && (
        <div className="run-empty">Run a .ts or .js file (Ctrl+Enter): its output shows here for everyone.</div>
      )}
      {runs.map((run) => (
        <RunEntry key={run.id} run={run} files={files} />
      ))}
      {localResult && (
        <div className="run-entry" data-testid="run-entry" data-status={localResult.status}>
          <div className="run-entry-head">You ran <code>{localResult.file}</code> (only you see this)</div>
          <Lines lines={localResult.output} />
        </div>
      )}
      {running && (
        <div className="run-entry run-entry-live" data-testid="run-live">
          <div className="run-entry-head">Running <code>{running.file}</code>…</div>
          <Lines lines={running.output} />
        </div>
      )}
      <div ref={end} />
    </section>
  );
}
