'use client';

import { useAskSpark } from './use-ask-spark';
import { useGhostText } from './use-ghost-text';
import { useSparkSession } from './use-spark-session';

/** Everything Spark does on the session page: its connection, ghost text, and Ask Spark's keys. */
export function useSpark(room: string): void {
  useSparkSession(room);
  useGhostText();
  useAskSpark();
}
