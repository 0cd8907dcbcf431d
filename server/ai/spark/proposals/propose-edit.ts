/**
 * "Rewrite the selection" as a proposal: the model's rewrite streams into a ProposalDraft instead of into
 * the file, split into hunks by a line diff against the selection as it stands at each step (its ends are
 * Yjs relative positions, so people typing elsewhere do not shift it). The asker hears the same edit:*
 * messages as for a typed edit; nothing in the file changes until someone accepts.
 */
import * as Y from 'yjs';
import { getFile } from '../../../../lib/shared/document/doc-model';
import { assertNever, type AiError, type ServerMessage } from '../../../../lib/shared/protocol/ai';
import type { AiRouter } from '../../routing/router';
import { clampRange } from '../edit-range';
import type { SparkEditRequest, SparkPeer } from '../spark-peer';
import { writeRefusal } from '../write-refusal';
import { ProposalDraft, type ProposalAuthor } from './proposal-draft';
import { proposalStreams } from './proposal-streams';

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
  const opened = ProposalDraft.open(spark.room, { ...asker, id: request.id, title: request.instruction });
  if (!opened.ok) return send({ type: 'edit:error', id: request.id, error: writeRefusal(opened.reason) });
  const draft = opened.draft;
  // The selection's ends follow the text: the start sticks to the character after it, the end to the one before.
  const start = Y.createRelativePositionFromTypeIndex(text, from, 0);
  const end = Y.createRelativePositionFromTypeIndex(text, to, -1);
  const region = () => {
    const a = Y.createAbsolutePositionFromRelativePosition(start, doc)?.index ?? from;
    const b = from === to ? a : (Y.createAbsolutePositionFromRelativePosition(end, doc)?.index ?? to);
    return { from: a, to: Math.max(a, b) };
  };
  const controller = proposalStreams(spark).start(request.id, request.requester);
  send({ type: 'edit:started', id: request.id, file: request.file });
  void stream().finally(() => proposalStreams(spark).end(request.id));

  async function stream(): Promise<void> {
    const content = text!.toString();
    const selected = content.slice(from, to);
    let written = '';
    const update = (final: boolean) => draft.update([{ kind: 'replace', file: request.file, ...region(), text: written }], final);
    try {
      const events = router.edit(
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
        controller.signal,
      );
      for await (const event of events) {
        if (controller.signal.aborted) break;
        switch (event.type) {
          case 'chunk': {
            written += event.text;
            const refused = update(false);
            if (refused) return fail(writeRefusal(refused));
            send({ type: 'edit:progress', id: request.id, chars: written.length });
            break;
          }
          case 'notice':
            send({ type: 'edit:notice', id: request.id, error: event.error });
            break;
          case 'error':
            return fail(event.error);
          case 'done': {
            // A selection of whole lines keeps its final newline even if the model dropped it.
            if (selected.endsWith('\n') && !written.endsWith('\n')) written += '\n';
            const refused = update(true);
            if (refused) return fail(writeRefusal(refused));
            draft.finish('ready', draft.hunkCount === 0 ? 'Spark proposes no change.' : null);
            return send({ type: 'edit:done', id: request.id, stopped: null, stats: event.stats });
          }
          case 'cancelled':
            break;
          default:
            return assertNever(event);
        }
      }
      // What was proposed so far stays, to review as it is.
      draft.finish('stopped', 'Stopped before the model finished.');
      send({ type: 'edit:done', id: request.id, stopped: 'stop', stats: null });
    } catch (error) {
      fail({ code: 'INTERNAL', message: (error as Error).message });
    }
  }

  function fail(error: AiError): void {
    draft.finish('error', error.message);
    send({ type: 'edit:error', id: request.id, error });
  }
}
