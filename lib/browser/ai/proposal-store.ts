import { nanoid } from 'nanoid';
import { create } from 'zustand';
import type { Proposal } from '../../shared/document/proposals';
import type { ServerMessage } from '../../shared/protocol/ai';
import { canEdit } from '../../shared/share-token';
import { useSettingsStore } from '../settings/settings-store';
import { describeAiError } from './describe-error';
import type { SparkClient } from './spark-client';
import { useSparkStore } from './spark-store';

/**
 * This page's requests about proposals (accept, reject) and what the server said back. The proposals
 * themselves are in the shared document; only a refusal (stale, not yours) is this person's to see.
 */
export interface ProposalRequestsState {
  /** Proposal id -> what the last refused request about it said. */
  notices: Record<string, string>;
  /** Proposal ids with a request still being carried out (Spark typing an accepted hunk). */
  busy: Record<string, true>;
}

export const useProposalRequests = create<ProposalRequestsState>(() => ({ notices: {}, busy: {} }));

const pending = new Map<string, string>();

/**
 * Whether this person may accept or reject a proposal, by the server's rule (the asker, or any editor when
 * the room says so): it only decides which controls to show, the server checks again.
 */
export function mayReview(proposal: Proposal): boolean {
  const connection = useSparkStore.getState().connection;
  if (connection.kind !== 'ready' || !canEdit(connection.permission)) return false;
  return proposal.askerId === connection.userId || useSettingsStore.getState().room.proposalReviewers === 'editors';
}

export function actOnProposal(client: SparkClient | null, action: 'accept' | 'reject', proposal: string, hunk: string | null): void {
  const id = nanoid(12);
  const { notices, busy } = useProposalRequests.getState();
  const rest = without(notices, proposal);
  if (!client?.send({ type: action === 'accept' ? 'proposal:accept' : 'proposal:reject', id, proposal, hunk })) {
    useProposalRequests.setState({ notices: { ...rest, [proposal]: 'Not connected to Spark.' } });
    return;
  }
  pending.set(id, proposal);
  useProposalRequests.setState({ notices: rest, busy: { ...busy, [proposal]: true } });
}

export function receiveProposalMessage(message: ServerMessage): void {
  if (message.type !== 'proposal:done' && message.type !== 'proposal:error') return;
  const proposal = pending.get(message.id);
  if (proposal === undefined) return;
  pending.delete(message.id);
  const { notices, busy } = useProposalRequests.getState();
  const stillBusy = without(busy, proposal);
  const text = message.type === 'proposal:error' ? describeAiError(message.error).text : null;
  useProposalRequests.setState({ busy: stillBusy, notices: text ? { ...notices, [proposal]: text } : notices });
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
