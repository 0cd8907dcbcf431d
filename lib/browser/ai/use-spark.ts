// lib/browser/ai/: Spark in the page: the socket.io client, ghost text (suggestion controller, Monaco
// provider, debounce), next-edit hints, Ask Spark, the chat store and the latency readout. useSpark is the
// entry point.

'use client';

import { useAskSpark } from './use-ask-spark';
import { useGhostText } from './use-ghost-text';
import { useNextEdit } from './use-next-edit';
import { useProposalView } from './use-proposal-view';
import { useSparkSession } from './use-spark-session';
import { useRunFixes } from '../run/use-run-fixes';

/** Everything Spark does on the session page: its connection, ghost text, Ask Spark's keys, its proposals and fixes of runs. */
export function useSpark(room: string): void {
  useSparkSession(room);
  useGhostText();
  useNextEdit();
  useAskSpark();
  useProposalView();
  useRunFixes();
}
