/**
 * How a planned fix reaches the files: as a proposal the room accepts or rejects, hunk by hunk; accepting
 * is Spark typing it through its edit path. The fixer only needs to hear how it ended.
 */
import type { AiError } from '../../../../lib/shared/protocol/ai';
import type { FileChange } from '../file-change';
import type { SparkPeer } from '../spark-peer';
import { readProposals } from '../../../../lib/shared/document/proposals';
import { proposalEvents } from '../proposals/proposal-events';
import { proposeChanges } from '../proposals/propose-changes';
import { writeRefusal } from '../write-refusal';

/** Who the change is for, and what it is called in the room. */
export interface CarriedFor {
  /** The fix's id, which names its proposal too. */
  id: string;
  requester: string;
  askerId: string;
  asker: { name: string; color: string };
  title: string;
}

export type Carried =
  /** In the room as a proposal; `decided` settles once it is accepted (and typed) or rejected. */
  | { kind: 'proposed'; proposalId: string; decided: Promise<Outcome> }
  | { kind: 'refused'; error: AiError };

export type CarryOut = (changes: readonly FileChange[], forWhom: CarriedFor) => Promise<Carried>;

/**
 * Proposes the changes to the room as one proposal named by the fix's id; `decided` settles once no hunk
 * of it is pending any more: accepted when Spark typed at least one of them in, else rejected.
 */
export function proposeFix(spark: SparkPeer): CarryOut {
  return async (changes, forWhom) => {
    const author = { id: forWhom.id, askerId: forWhom.askerId, askerName: forWhom.asker.name, askerColor: forWhom.asker.color, title: forWhom.title };
    const decided = decision(spark, forWhom.id);
    const proposed = proposeChanges(spark.room, author, changes);
    if (!proposed.ok) return { kind: 'refused', error: writeRefusal(proposed.reason) };
    return { kind: 'proposed', proposalId: forWhom.id, decided };
  };
}

type Outcome = 'accepted' | 'rejected';
const awaited = new WeakMap<SparkPeer, Map<string, (outcome: Outcome) => void>>();

/**
 * Settles once no hunk of the proposal is pending. One listener per peer serves every fix waiting in it;
 * a proposal that dropped out of the document (the oldest go) settles as rejected at the next decision.
 */
function decision(spark: SparkPeer, proposalId: string): Promise<Outcome> {
  let waiting = awaited.get(spark);
  if (!waiting) {
    const map = new Map<string, (outcome: Outcome) => void>();
    awaited.set(spark, (waiting = map));
    const settle = () => {
      const proposals = readProposals(spark.room.doc);
      for (const [id, resolve] of map) {
        const hunks = proposals.find((p) => p.id === id)?.hunks;
        if (hunks?.some((h) => h.state === 'pending')) continue;
        map.delete(id);
        resolve(hunks?.some((h) => h.state === 'accepted') ? 'accepted' : 'rejected');
      }
    };
    proposalEvents(spark).on('accepted', settle).on('rejected', settle);
  }
  const map = waiting;
  return new Promise((resolve) => map.set(proposalId, resolve));
}
