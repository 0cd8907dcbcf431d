import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { readProposals } from '../../lib/shared/document/proposals';
import { AiRouter } from '../../server/ai/routing/router';
import { proposeChanges } from '../../server/ai/spark/proposals/propose-changes';
import { proposalEvents, type ProposalDecision } from '../../server/ai/spark/proposals/proposal-events';
import { acceptProposal, rejectProposal } from '../../server/ai/spark/proposals/proposal-review';
import { SparkPeer } from '../../server/ai/spark/spark-peer';
import { chunks, routerSettings, ScriptedTier } from './helpers';

const SOURCE = 'let a = 1;\nlet b = 2;\n';
const ADA = { requester: 'room-1/ada', userId: 'ada', name: 'Ada' };
const AUTHOR = { id: 'p1', askerId: 'ada', askerName: 'Ada', askerColor: '#22c55e', title: 'bump' };

function setup() {
  const doc = new Y.Doc();
  doc.getMap<Y.Text>('files').set('main.ts', new Y.Text(SOURCE));
  const tier = new ScriptedTier('fast', chunks(''));
  const router = new AiRouter({ tiers: { fast: tier, deep: tier, embedded: new ScriptedTier('embedded', chunks('')) }, settings: routerSettings() });
  const peer = new SparkPeer({ id: 'room-1', doc, awareness: new Awareness(doc) }, router);
  proposeChanges(peer.room, AUTHOR, [{ kind: 'replace', file: 'main.ts', from: 0, to: SOURCE.length, text: 'let a = 10;\nlet b = 20;\n' }]);
  const decisions: Array<[string, ProposalDecision]> = [];
  proposalEvents(peer).on('accepted', (d) => decisions.push(['accepted', d]));
  proposalEvents(peer).on('rejected', (d) => decisions.push(['rejected', d]));
  return { doc, peer, decisions, hunks: readProposals(doc)[0]!.hunks };
}

describe('acting on a proposal', () => {
  it('says when what was accepted is typed in, and what was rejected', async () => {
    const { doc, peer, decisions, hunks } = setup();
    expect(hunks).toHaveLength(1);
    expect(await acceptProposal(peer, ADA, 'asker', 'p1', null)).toEqual({ ok: true, decided: 1 });
    expect(doc.getMap<Y.Text>('files').get('main.ts')!.toString()).toBe('let a = 10;\nlet b = 20;\n');
    expect(decisions).toEqual([['accepted', { proposalId: 'p1', decided: 1, reviewer: ADA }]]);
    expect(rejectProposal(peer, ADA, 'asker', 'p1', null)).toEqual({ ok: true, decided: 0 });
    expect(decisions).toHaveLength(1);
    peer.destroy();
  });

  it('refuses a second decision on a hunk already decided', async () => {
    const { peer, hunks } = setup();
    expect(rejectProposal(peer, ADA, 'asker', 'p1', hunks[0]!.id)).toEqual({ ok: true, decided: 1 });
    expect(await acceptProposal(peer, ADA, 'asker', 'p1', hunks[0]!.id)).toMatchObject({ ok: false, error: { code: 'PROPOSAL_STALE' } });
    expect(rejectProposal(peer, { ...ADA, userId: 'bea' }, 'asker', 'p1', null)).toMatchObject({ ok: false, error: { code: 'NOT_YOUR_PROPOSAL' } });
    peer.destroy();
  });
});
