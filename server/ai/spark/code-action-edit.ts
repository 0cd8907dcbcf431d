/**
 * A language-service action (refactor, quick fix, JSDoc template) carried out by Spark. The action is
 * computed again from the file as it is now and comes back as a replacement of whole lines, which Spark
 * types through its normal edit path: its cursor, Stop, a person typing inside stops it, one undo step.
 * No model is asked, so it works with no key.
 */
import * as Y from 'yjs';
import { filesOf } from '../../../lib/shared/document/doc-model';
import type { CodeActionOffer, ServerMessage } from '../../../lib/shared/protocol/ai';
import type { CodeActions } from '../semantic/semantic-thread';
import type { SparkPeer } from './spark-peer';

type EditMessage = Extract<ServerMessage, { type: `edit:${string}` }>;

export interface CodeActionRequest {
  id: string;
  requester: string;
  askedBy?: string;
  file: string;
  from: number;
  to: number;
  action: CodeActionOffer;
}

/** What applies at a selection, or nothing when the service is off or cannot read the file. */
export async function offeredActions(spark: SparkPeer, actions: CodeActions | null, file: string, from: number, to: number): Promise<CodeActionOffer[]> {
  if (!actions || !(filesOf(spark.room.doc).get(file) instanceof Y.Text)) return [];
  return actions.actions({ room: spark.room.id, path: file, from, to }).catch(() => []);
}

export async function runCodeAction(spark: SparkPeer, actions: CodeActions | null, request: CodeActionRequest, send: (m: EditMessage) => void): Promise<void> {
  const { id, file, from, to, action } = request;
  const refuse = (message: string) => send({ type: 'edit:error', id, error: { code: 'ACTION_NOT_APPLICABLE', message } });
  const text = filesOf(spark.room.doc).get(file);
  if (!(text instanceof Y.Text)) {
    return send({ type: 'edit:error', id, error: { code: 'FILE_NOT_FOUND', message: `There is no file ${file}.` } });
  }
  if (!actions) return refuse('The language service is off (SPARKPAD_EMBEDDED_LANGUAGE_SERVICE=false).');
  const change = await actions.action({ room: spark.room.id, path: file, from, to, id: action.id }).catch(() => null);
  // The file may have moved on while the service worked: what it rewrote must still be there.
  if (!change || text.toString().slice(change.from, change.to) !== change.before) {
    return refuse(`“${action.title}” does not apply here now.`);
  }
  spark.edit(
    {
      id,
      requester: request.requester,
      askedBy: request.askedBy,
      file,
      language: '',
      instruction: action.title,
      from: change.from,
      to: change.to,
      pin: 'auto',
      replacement: change.after,
    },
    send,
  );
}
