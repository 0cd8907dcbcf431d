'use client';

import { useCallback } from 'react';
import { useSessionStore } from '../collab/session-store';
import { useIdentityStore } from '../presence/identity-store';
import { useWorkspaceStore } from '../workspace/workspace-store';
import { runFile } from './run-file';
import { useRunStore } from './run-store';
import { isRunnable } from './transpile';

/** What the Run button needs: whether the open file can run, whether a run is going, and the action. */
export function useRunOpenFile(): { runnable: boolean; running: boolean; run(): void } {
  const client = useSessionStore((s) => s.client);
  const openFile = useWorkspaceStore((s) => s.openFile);
  const running = useRunStore((s) => s.running !== null);
  const runnable = openFile !== null && isRunnable(openFile);
  const run = useCallback(() => {
    const user = useIdentityStore.getState().user;
    if (client && openFile && user && isRunnable(openFile)) void runFile(client, openFile, user);
  }, [client, openFile]);
  return { runnable, running, run };
}
