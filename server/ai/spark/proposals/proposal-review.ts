/**
 * Acting on a proposal: who may, and what accepting and rejecting do. The asker may, and any editor when
 * the room's rule says so (view-only links never reach here: the permission table refuses them first).
 * Accepting is Spark typing the hunks through the ordinary edit path (its cursor, the room's limits, one
 * undo step for the person who accepted); a stale hunk (someone typed inside it) is refused by name.
 * Rejecting marks the hunk, and browsers stop drawing it.
 */
import * as Y from 'yjs';
import { placeHunk, proposalEntry, readProposals, type Hunk, type Proposal } from '../../../../lib/shared/document/proposals';
import type { AiError, ServerMessage } from '../../../../lib/shared/protocol/ai';
import type { ProposalReviewers } from '../../../../lib/shared/protocol/room-defaults';
import type { SparkPeer } from '../spark-peer';
import type { FileChange } from '../file-change';
import { SPARK_PROPOSAL_ORIGIN } from './proposal-draft';
import { proposalEvents } from './proposal-events';

/** The person acting: their room-scoped key (Spark's undo and rate limits), the id the hello gave, their name. */
export interface Reviewer {
  requester: string;
  userId: string;
  name: string;
}

export type ReviewResult = { ok: true; decided: number } | { ok: false; error: AiError };

type Refused = { ok: false; error: AiError };
const fail = (code: AiError['code'], message: string): Refused => ({ ok: false, error: { code, message } });

/** The proposal and the hunks the request names (one, or every pending one), once the reviewer may act. */
function reviewable(
  spark: SparkPeer,
  reviewer: Reviewer,
  rule: ProposalReviewers,
  proposalId: string,
  hunkId: string | null,
): Refused | { ok: true; proposal: Proposal; hunks: Hunk[] } {
  const proposal = readProposals(spark.room.doc).find((p) => p.id === proposalId);
  if (!proposal) return fail('PROPOSAL_NOT_FOUND', 'That proposal is no longer in the session.');
  if (rule === 'asker' && proposal.askerId !== reviewer.userId) {
    return fail('NOT_YOUR_PROPOSAL', `Only ${proposal.askerName}, who asked for it, can accept or reject this proposal.`);
  }
  const hunks = hunkId === null ? proposal.hunks.filter((h) => h.state === 'pending') : proposal.hunks.filter((h) => h.id === hunkId);
  if (hunkId !== null && hunks.length === 0) return fail('PROPOSAL_NOT_FOUND', 'That change is no longer part of the proposal.');
  return { ok: true, proposal, hunks };
}

export function rejectProposal(spark: SparkPeer, reviewer: Reviewer, rule: ProposalReviewers, proposalId: string, hunkId: string | null): ReviewResult {
  const found = reviewable(spark, reviewer, rule, proposalId, hunkId);
  if (!found.ok) return found;
  const pending = found.hunks.filter((h) => h.state === 'pending');
  if (hunkId !== null && pending.length === 0) return fail('PROPOSAL_STALE', 'That change was already accepted or rejected.');
  decide(spark, found.proposal, pending, 'rejected', reviewer.name);
  if (pending.length > 0) proposalEvents(spark).emit('rejected', { proposalId, decided: pending.length, reviewer });
  return { ok: true, decided: pending.length };
}

/**
 * Accepts the named hunk, or every pending hunk that is not stale. The instances serving the room agree
 * first on which one decides each hunk; that one marks them accepted, so nobody can accept one twice and
 * the room stops drawing them as a diff, then Spark types them all as one workspace edit: across files,
 * creating files, one undo step for the person who accepted.
 */
export async function acceptProposal(spark: SparkPeer, reviewer: Reviewer, rule: ProposalReviewers, proposalId: string, hunkId: string | null): Promise<ReviewResult> {
  const asked = reviewable(spark, reviewer, rule, proposalId, hunkId);
  if (!asked.ok) return asked;
  let ours: Set<string>;
  try {
    ours = await decidedHere(spark, proposalId, asked.hunks);
  } catch {
    return fail('INTERNAL', 'The other instances serving this session could not be reached to accept the change; try again.');
  }
  // The document may have changed while the instances agreed: read the proposal again.
  const found = reviewable(spark, reviewer, rule, proposalId, hunkId);
  if (!found.ok) return found;
  const doc = spark.room.doc;
  const open = found.hunks.flatMap((hunk) => {
    const place = hunk.state === 'pending' && ours.has(hunk.id) ? placeHunk(doc, hunk) : null;
    return place && !place.stale ? [{ hunk, place }] : [];
  });
  if (open.length === 0) {
    if (hunkId === null) return { ok: true, decided: 0 };
    return fail('PROPOSAL_STALE', 'That change no longer matches the text (someone edited it, or it was already decided).');
  }
  decide(spark, found.proposal, open.map((o) => o.hunk), 'accepted', reviewer.name);
  const changes: FileChange[] = open.map(({ hunk, place }) =>
    hunk.kind === 'create' ? { kind: 'create', file: hunk.file, text: hunk.added } : { kind: 'replace', file: hunk.file, from: place.from, to: place.to, text: hunk.added },
  );
  const typed = await typeChanges(spark, reviewer, found.proposal, changes);
  if (typed) return { ok: false, error: typed };
  proposalEvents(spark).emit('accepted', { proposalId, decided: open.length, reviewer });
  return { ok: true, decided: open.length };
}

/** The pending hunks among `hunks` that this instance, of all serving the room, is the one to decide. */
async function decidedHere(spark: SparkPeer, proposalId: string, hunks: Hunk[]): Promise<Set<string>> {
  const pending = hunks.filter((h) => h.state === 'pending');
  const first = await Promise.all(pending.map((h) => spark.firstToDecide(`${proposalId}:${h.id}`)));
  return new Set(pending.filter((_, i) => first[i]).map((h) => h.id));
}

/** Spark types the changes as a workspace edit asked for by the reviewer: it ends when the edit does. */
function typeChanges(spark: SparkPeer, reviewer: Reviewer, proposal: Proposal, changes: FileChange[]): Promise<AiError | null> {
  return new Promise((resolve) => {
    const request = {
      id: `accept:${proposal.id}`.slice(0, 64),
      requester: reviewer.requester,
      askedBy: reviewer.name,
      instruction: proposal.title,
      file: changes[0]!.file,
      pin: 'auto' as const,
      changes,
    };
    spark.editWorkspace(request, (message: ServerMessage) => {
      if (message.type === 'edit:done') {
        const stopped = message.stopped && message.stopped !== 'redirected';
        resolve(stopped ? { code: 'PROPOSAL_STALE', message: `Spark stopped typing the change (${message.stopped}).` } : null);
      } else if (message.type === 'edit:error') resolve(message.error);
    });
  });
}

function decide(spark: SparkPeer, proposal: Proposal, hunks: Hunk[], state: 'accepted' | 'rejected', by: string): void {
  const entry = proposalEntry(spark.room.doc, proposal.id);
  const stored = entry?.get('hunks');
  if (!(stored instanceof Y.Array) || hunks.length === 0) return;
  const ids = new Set(hunks.map((h) => h.id));
  spark.room.doc.transact(() => {
    for (const map of stored.toArray()) {
      if (map instanceof Y.Map && ids.has(map.get('id') as string)) {
        map.set('state', state);
        map.set('decidedBy', by.slice(0, 40));
      }
    }
  }, SPARK_PROPOSAL_ORIGIN);
}
