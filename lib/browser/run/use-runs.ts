'use client';

import { useEffect, useState } from 'react';
import type { CollabClient } from '../collab/collab-client';
import { readRuns, runsOf, type RunRecord } from '../../shared/document/run-log';

/** The room's shared runs, newest last, kept current as anyone runs code; records that do not parse are skipped. */
export function useRuns(client: CollabClient | null): RunRecord[] {
  const [runs, setRuns] = useState<RunRecord[]>([]);
  useEffect(() => {
    if (!client) return;
    const array = runsOf(client.doc);
    const update = () => setRuns(readRuns(client.doc));
    update();
    array.observe(update);
    return () => array.unobserve(update);
  }, [client]);
  return runs;
}
