/**
 * "Rewrite the selection" as a proposal: the model's rewrite streams into a ProposalDraft instead of into
 * the file, split into hunks by a line diff against the selection as it stands at each step (its ends are
 * Yjs relative positions, so people typing elsewhere do not shift it). The asker hears the same edit:*
 * messages as for a typed edit; nothing in the file changes until someone accepts.
 */
import * as Y from 'yjs';
import { getFile } from '../../../../lib/shared/document/doc-model';
import type { ServerMessage } from '../../../../lib/shared/protocol/ai';
import type { AiRouter } from '../../routing/router';
import { clampRange } from '../edit-range';
import type { SparkEditRequest, SparkPeer } from '../spark-peer';
import type { ProposalAuthor } from './proposal-draft';
import { streamProposal } from './stream-proposal';

type EditMessage = Extract<ServerMessage, { type: `edit:${string}` }>;

export function proposeEdit(
  spark: SparkPeer,
  router: AiRouter,
  request: SparkEditRequest,
  asker: Omit<ProposalAuthor, 'id' | 'title'>,
  send: (message: EditMessage) => void,
): void {
  const doc = spark.room.doc;
  const text = getFile(doc, request.file);
  if (!text) return send({ type: 'edit:error', id: request.id, error: { code: 'FILE_NOT_FOUND', message: `There is no file ${request.file}.` } });
  const { from, to } = clampRange(text, request.from, request.to);
  // The selection's ends follow the text: the start sticks to the character after it, the end to the one before.
  const start = Y.createRelativePositionFromTypeIndex(text, from, 0);
  const end = Y.createRelativePositionFromTypeIndex(text, to, -1);
  const region = () => {
    const a = Y.createAbsolutePositionFromRelativePosition(start, doc)?.index ?? from;
    const b = from === to ? a : (Y.createAbsolutePositionFromRelativePosition(end, doc)?.index ?? to);
    return { from: a, to: Math.max(a, b) };
  };
  const content = text.toString();
  const selected = content.slice(from, to);
  let written = '';

  streamProposal(spark, request, asker, send, {
    ask: (signal) =>
      router.edit(
        {
          userId: request.requester,
          roomId: spark.room.id,
          pin: request.pin,
          path: request.file,
          language: request.language,
          prefix: content.slice(0, from),
          suffix: content.slice(to),
          instruction: request.instruction,
          region: selected,
          workspace: spark.workspace,
        },
        signal,
      ),
    take(draft, chunk, final) {
      written += chunk;
      // A selection of whole lines keeps its final newline even if the model dropped it.
      if (final && selected.endsWith('\n') && !written.endsWith('\n')) written += '\n';
      return draft.update([{ kind: 'replace', file: request.file, ...region(), text: written }], final);
    },
  });
}
