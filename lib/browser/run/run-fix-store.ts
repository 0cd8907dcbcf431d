import { nanoid } from 'nanoid';
import { create } from 'zustand';
import type { AiError, ServerMessage } from '../../shared/protocol/ai';
import { NOT_CONNECTED, type SparkClient } from '../ai/spark-client';

/**
 * Fix with Spark, on this page: which runs this person asked Spark to fix and how each request stands.
 * The fix itself reaches everyone through the document (a proposal, and Spark's account in the chat);
 * only the asker hears that it is ready or was refused.
 */
export type RunFixState =
  | { kind: 'asking'; id: string }
  | { kind: 'proposed'; id: string; proposal: string; changes: number }
  | { kind: 'refused'; id: string; error: AiError };

export interface RunFixStore {
  /** By run id. */
  fixes: Record<string, RunFixState>;
}

export const useRunFixStore = create<RunFixStore>(() => ({ fixes: {} }));

/** Asks Spark to fix a failed run of the room; the server reads the run and the code from the document. */
export function askFix(client: SparkClient | null, runId: string): void {
  const id = nanoid(12);
  const sent = client?.send({ type: 'run:fix', id, run: runId }) ?? false;
  const state: RunFixState = sent ? { kind: 'asking', id } : { kind: 'refused', id, error: NOT_CONNECTED };
  useRunFixStore.setState((s) => ({ fixes: { ...s.fixes, [runId]: state } }));
}

export function receiveRunFixMessage(message: ServerMessage): void {
  if (message.type !== 'run:fix:ready' && message.type !== 'run:fix:error') return;
  const { fixes } = useRunFixStore.getState();
  const runId = Object.keys(fixes).find((run) => fixes[run]!.id === message.id);
  if (runId === undefined) return;
  const state: RunFixState =
    message.type === 'run:fix:ready'
      ? { kind: 'proposed', id: message.id, proposal: message.proposal, changes: message.changes }
      : { kind: 'refused', id: message.id, error: message.error };
  useRunFixStore.setState({ fixes: { ...fixes, [runId]: state } });
}
