/**
 * A model's answer streamed into a proposal: what every way of proposing shares. It opens the draft,
 * answers the asker with the same edit:* messages as a typed edit, and finishes the draft when the answer
 * ends, is stopped, fails or is refused by the room. What the answer means (a rewrite of a selection,
 * search/replace blocks) is the source's business.
 */
import { assertNever, type AiError, type ServerMessage, type StaleBlock } from '../../../../lib/shared/protocol/ai';
import type { RefusalReason } from '../../../../lib/shared/protocol/refusals';
import type { RouterEvent } from '../../routing/router';
import type { SparkPeer } from '../spark-peer';
import { writeRefusal } from '../write-refusal';
import { ProposalDraft, type ProposalAuthor } from './proposal-draft';
import { proposalStreams } from './proposal-streams';

type EditMessage = Extract<ServerMessage, { type: `edit:${string}` }>;

export interface ProposalSource {
  /** Asks the model; the answer streams until the signal aborts. */
  ask(signal: AbortSignal): AsyncIterable<RouterEvent>;
  /** Puts the answer so far into the draft (`chunk` is the newest text, `final` once the answer is whole); the room's refusal, if any. */
  take(draft: ProposalDraft, chunk: string, final: boolean): RefusalReason | undefined;
  /** What the proposal says of the answer beyond its hunks, e.g. blocks it could not place. */
  note?(): string | null;
  /** Blocks of the answer that could not be placed, for edit:done. */
  stale?(): StaleBlock[];
}

export interface ProposalRequest {
  id: string;
  requester: string;
  instruction: string;
  /** The file the asker's panel names as the edit's. */
  file: string;
}

export function streamProposal(
  spark: SparkPeer,
  request: ProposalRequest,
  asker: Omit<ProposalAuthor, 'id' | 'title'>,
  send: (message: EditMessage) => void,
  source: ProposalSource,
): void {
  const opened = ProposalDraft.open(spark.room, { ...asker, id: request.id, title: request.instruction });
  if (!opened.ok) return send({ type: 'edit:error', id: request.id, error: writeRefusal(opened.reason) });
  const draft = opened.draft;
  const controller = proposalStreams(spark).start(request.id, request.requester);
  const blocks = source.stale ? () => ({ stale: source.stale!(), applied: 0 }) : () => ({});
  send({ type: 'edit:started', id: request.id, file: request.file });
  void stream().finally(() => proposalStreams(spark).end(request.id));

  async function stream(): Promise<void> {
    let chars = 0;
    try {
      for await (const event of source.ask(controller.signal)) {
        if (controller.signal.aborted) break;
        switch (event.type) {
          case 'chunk': {
            chars += event.text.length;
            const refused = source.take(draft, event.text, false);
            if (refused) return fail(writeRefusal(refused));
            send({ type: 'edit:progress', id: request.id, chars });
            break;
          }
          case 'notice':
            send({ type: 'edit:notice', id: request.id, error: event.error });
            break;
          case 'error':
            return fail(event.error);
          case 'done': {
            const refused = source.take(draft, '', true);
            if (refused) return fail(writeRefusal(refused));
            const note = source.note?.() ?? null;
            draft.finish('ready', draft.hunkCount === 0 ? (note ?? 'Spark proposes no change.') : note);
            return send({ type: 'edit:done', id: request.id, stopped: null, stats: event.stats, ...blocks() });
          }
          case 'cancelled':
            break;
          default:
            return assertNever(event);
        }
      }
      // What was proposed so far stays, to review as it is.
      draft.finish('stopped', 'Stopped before the model finished.');
      send({ type: 'edit:done', id: request.id, stopped: 'stop', stats: null, ...blocks() });
    } catch (error) {
      fail({ code: 'INTERNAL', message: (error as Error).message });
    }
  }

  function fail(error: AiError): void {
    draft.finish('error', error.message);
    send({ type: 'edit:error', id: request.id, error });
  }
}
