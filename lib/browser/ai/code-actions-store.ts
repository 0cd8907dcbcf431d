import { nanoid } from 'nanoid';
import { create } from 'zustand';
import type { CodeActionOffer, ServerMessage } from '../../shared/protocol/ai';
import { startSparkEdit, type SparkTarget } from './ask-spark-store';
import type { SparkClient } from './spark-client';

/**
 * The language-service actions that apply to what Ask Spark points at (JSDoc, organize imports, fixes,
 * refactors). They need no model: the server computes each and Spark types it like any edit. Only the
 * answer to the latest question counts; an older one arriving late is ignored.
 */
export type CodeActionsState =
  | { kind: 'none' }
  | { kind: 'loading'; id: string; target: SparkTarget }
  | { kind: 'ready'; id: string; target: SparkTarget; offers: CodeActionOffer[] };

export const useCodeActionsStore = create<CodeActionsState>(() => ({ kind: 'none' }));

/** Asks which actions apply to `target`. */
export function requestCodeActions(client: SparkClient | null, target: SparkTarget): void {
  const id = nanoid(12);
  const { file, from, to } = target;
  if (!client?.send({ type: 'actions', id, file, selection: { from, to } })) return useCodeActionsStore.setState({ kind: 'none' });
  useCodeActionsStore.setState({ kind: 'loading', id, target });
}

export function receiveCodeActions(message: ServerMessage): void {
  const state = useCodeActionsStore.getState();
  if (state.kind === 'none' || !('id' in message) || message.id !== state.id) return;
  if (message.type === 'actions:list') useCodeActionsStore.setState({ kind: 'ready', id: state.id, target: state.target, offers: message.actions });
  else if (message.type === 'error') useCodeActionsStore.setState({ kind: 'ready', id: state.id, target: state.target, offers: [] });
}

/** Spark carries out one action over the target it was offered for; Ask Spark's status follows it. */
export function runCodeAction(client: SparkClient | null, target: SparkTarget, offer: CodeActionOffer): void {
  const { file, from, to } = target;
  // The file is about to change under the offers: they are asked for again with the next Ctrl/Cmd+K.
  useCodeActionsStore.setState({ kind: 'none' });
  startSparkEdit(client, target, offer.title, (id) => ({ type: 'edit:action', id, file, selection: { from, to }, action: offer }));
}
