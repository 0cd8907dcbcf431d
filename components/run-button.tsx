'use client';

import { useRunOpenFile } from '@/lib/browser/run/use-run-open-file';
import { useRunShortcut } from '@/lib/browser/run/use-run-shortcut';

export function RunButton() {
  const { runnable, running, run } = useRunOpenFile();
  useRunShortcut(run);
  return (
    <button
      className="button primary run-button"
      data-testid="run-button"
      onClick={run}
      disabled={!runnable || running}
      title={runnable ? 'Run this file (Ctrl+Enter)' : 'Only .ts and .js files run'}
    >
      {running ? 'Running…' : '▶ Run'}
    </button>
  );
}
