import { create } from 'zustand';
import { canEdit } from '../../shared/share-token';
import type { SparkClient, SparkConnection } from './spark-client';

/**
 * The page's one Spark connection, for every feature that talks to Spark (ghost text, Ask Spark, chat).
 * Written only by `useSparkSession`; features read `client` and subscribe to it.
 */
export interface SparkState {
  client: SparkClient | null;
  connection: SparkConnection;
}

export const useSparkStore = create<SparkState>(() => ({ client: null, connection: { kind: 'connecting' } }));

/** Spark may write for this person: connected with an edit or owner link. */
export function canAskSpark(connection: SparkConnection): boolean {
  return connection.kind === 'ready' && canEdit(connection.permission);
}
