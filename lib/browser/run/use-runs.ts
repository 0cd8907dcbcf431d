'use client';

import { useEffect, useState } from 'react';
import type { CollabClient } from '../collab/collab-client';
import { runsOf, type RunRecord } from './run-log';

/** The room's shared runs, newest last, kept current as anyone runs code. */
export function useRuns(client: CollabClient | null): RunRecord[] {
  const [runs, setRuns] = useState<RunRecord[]>([]);
  useEffect(() => {
    if (!client) return;
    const array = runsOf(client.doc);
    const update = () => setRuns(array.toArray());
    update();
    array.observe(update);
    return () => array.unobserve(update);
  }, [client]);
  return runs;
}
