/**
 * "Apply" on a code block of a chat answer, as a proposal: the block's text over the asker's selection
 * (or the cursor's line), shown to the room as a diff before anything in the file changes. No model is
 * asked; it still spends the asker's request budget, as typing it would. The asker hears the same edit:*
 * messages as for a typed Apply.
 */
import { getFile } from '../../../../lib/shared/document/doc-model';
import type { ServerMessage } from '../../../../lib/shared/protocol/ai';
import type { AiRouter } from '../../routing/router';
import { clampRange } from '../edit-range';
import type { SparkEditRequest, SparkPeer } from '../spark-peer';
import { writeRefusal } from '../write-refusal';
import type { ProposalAuthor } from './proposal-draft';
import { proposeChanges } from './propose-changes';

type EditMessage = Extract<ServerMessage, { type: `edit:${string}` }>;

export async function proposeReplacement(
  spark: SparkPeer,
  router: AiRouter,
  request: SparkEditRequest & { replacement: string },
  asker: Omit<ProposalAuthor, 'id' | 'title'>,
  send: (message: EditMessage) => void,
): Promise<void> {
  const { id, file, replacement } = request;
  const limited = await router.admit(request.requester, spark.room.id);
  if (limited) return send({ type: 'edit:error', id, error: limited });
  const text = getFile(spark.room.doc, file);
  if (!text) return send({ type: 'edit:error', id, error: { code: 'FILE_NOT_FOUND', message: `There is no file ${file}.` } });
  const { from, to } = clampRange(text, request.from, request.to);
  send({ type: 'edit:started', id, file });
  const proposed = proposeChanges(spark.room, { ...asker, id, title: request.instruction }, [{ kind: 'replace', file, from, to, text: replacement }]);
  if (!proposed.ok) return send({ type: 'edit:error', id, error: writeRefusal(proposed.reason) });
  send({ type: 'edit:done', id, stopped: null, stats: { tier: null, source: 'apply', firstTokenMs: null, tokensPerSecond: null, chars: replacement.length } });
}
