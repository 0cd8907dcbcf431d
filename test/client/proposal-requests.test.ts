import { describe, expect, it } from 'vitest';
import { actOnProposal, receiveProposalMessage, useProposalRequests } from '../../lib/browser/ai/proposal-store';
import type { SparkClient } from '../../lib/browser/ai/spark-client';
import type { ClientMessageInput } from '../../lib/shared/protocol/ai';

function fakeClient() {
  const sent: ClientMessageInput[] = [];
  return { client: { send: (m: ClientMessageInput) => (sent.push(m), true) } as unknown as SparkClient, sent };
}

describe('acting on a proposal from the page', () => {
  it('is busy while the server carries it out, then shows a refusal by the proposal it was about', () => {
    const { client, sent } = fakeClient();
    actOnProposal(client, 'accept', 'p1', 'h1');
    const request = sent[0] as Extract<ClientMessageInput, { type: 'proposal:accept' }>;
    expect(request).toMatchObject({ type: 'proposal:accept', proposal: 'p1', hunk: 'h1' });
    expect(useProposalRequests.getState().busy).toEqual({ p1: true });
    receiveProposalMessage({ type: 'proposal:error', id: request.id, error: { code: 'PROPOSAL_STALE', message: 'That change no longer matches the text.' } });
    expect(useProposalRequests.getState()).toEqual({ busy: {}, notices: { p1: 'That change no longer matches the text.' } });
    actOnProposal(client, 'reject', 'p1', null);
    expect(useProposalRequests.getState().notices).toEqual({});
    receiveProposalMessage({ type: 'proposal:done', id: (sent[1] as { id: string }).id, decided: 2 });
    expect(useProposalRequests.getState()).toEqual({ busy: {}, notices: {} });
  });
});
