// server/ai/spark/proposals/: Spark's proposals to the room: kept in the shared document, split into hunks
// by line diff, proposed at once (this file) or as the model streams (proposal-draft.ts), and accepted or
// rejected per hunk by those the room allows (proposal-review.ts).
/**
 * A planned change (FileChange[], in offsets over the current texts) proposed to the room in one step:
 * what a planner that already has the whole change calls (search/replace blocks, a fix from a run). A
 * change written as a model streams opens a ProposalDraft instead and updates it as it goes.
 */
import type { RefusalReason } from '../../../../lib/shared/protocol/refusals';
import type { FileChange } from '../file-change';
import type { SparkRoom } from '../spark-room';
import { ProposalDraft, type ProposalAuthor } from './proposal-draft';

export function proposeChanges(
  room: SparkRoom,
  author: ProposalAuthor,
  changes: readonly FileChange[],
  note: string | null = null,
): { ok: true } | { ok: false; reason: RefusalReason } {
  const opened = ProposalDraft.open(room, author);
  if (!opened.ok) return opened;
  const refused = opened.draft.update(changes, true);
  if (refused) {
    opened.draft.finish('error', `The room could not take this proposal: ${refused}.`);
    return { ok: false, reason: refused };
  }
  opened.draft.finish('ready', note);
  return { ok: true };
}
