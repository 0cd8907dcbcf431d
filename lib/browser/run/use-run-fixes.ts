'use client';

import { useEffect } from 'react';
import * as Y from 'yjs';
import type { ServerMessage } from '../../shared/protocol/ai';
import { useSessionStore } from '../collab/session-store';
import { useIdentityStore } from '../presence/identity-store';
import { useSparkStore } from '../ai/spark-store';
import { runFile } from './run-file';
import { receiveRunFixMessage } from './run-fix-store';
import { useRunStore } from './run-store';

/**
 * Fix with Spark's wiring on the page: the answers to this person's requests, and Spark asking this
 * browser to run a file again after its fix was accepted (runs happen in browsers). A run already going
 * finishes first; then the file runs once more and is recorded as the check of that fix.
 */
export function useRunFixes(): void {
  const spark = useSparkStore((s) => s.client);
  useEffect(() => {
    if (!spark) return;
    const pending: Array<Extract<ServerMessage, { type: 'run:again' }>> = [];
    const runNext = () => {
      const client = useSessionStore.getState().client;
      const user = useIdentityStore.getState().user;
      const next = pending[0];
      if (!client || !user || !next || useRunStore.getState().running) return;
      // The fix reaches this page through the document's own socket: run only once it is here.
      if (Y.getState(client.doc.store, next.after.client) < next.after.clock) return void client.doc.once('update', runNext);
      pending.shift();
      void runFile(client, next.file, user, { rerunOf: next.id });
    };
    const offRuns = useRunStore.subscribe((state, previous) => previous.running && !state.running && runNext());
    const offMessages = spark.subscribe((message) => {
      receiveRunFixMessage(message);
      if (message.type !== 'run:again') return;
      pending.push(message);
      runNext();
    });
    return () => {
      offMessages();
      offRuns();
    };
  }, [spark]);
}
