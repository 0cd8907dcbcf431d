import { assertNever, type ClientMessage, type ServerMessage } from '../../../lib/shared/protocol/ai';
import { NEXT_EDIT_REFUSAL_MESSAGES, type FollowUpPerson } from '../../../lib/shared/protocol/next-edit';
import { proposeBlocks } from '../spark/blocks/propose-blocks';
import { offeredActions, runCodeAction } from '../spark/code-action-edit';
import { offerFollowUps } from '../spark/follow-up-offer';
import type { SparkPeer } from '../spark/spark-peer';
import { proposeEdit } from '../spark/proposals/propose-edit';
import { proposeReplacement } from '../spark/proposals/propose-replacement';
import { acceptProposal, rejectProposal, type Reviewer } from '../spark/proposals/proposal-review';
import { proposalStreams } from '../spark/proposals/proposal-streams';
import type { AiAccess, AiSessionDeps } from './ai-session';
import { errorReply } from './error-reply';
import { personIn } from './person-in-room';

/** A message that asks Spark itself to act in the room: edit, propose, chat, fix a run, follow up a change. */
export type SparkRequest = Exclude<ClientMessage, { type: 'complete' | 'cancel' | 'latency' }>;

/** Who is asking, as their session knows them, and where the answers go. */
export interface Asker {
  /** The key for this person in the router (rate limits) and in Spark (undo, stop): room-scoped. */
  requester: string;
  /** The id the hello names this person by: proposals record their asker by it. */
  userId: string;
  access: AiAccess;
  deps: AiSessionDeps;
  send: (message: ServerMessage) => void;
}

/** Carries out one request, already validated and permitted, with the room's Spark once it has joined. */
export async function handleSparkRequest(message: SparkRequest, peer: Promise<SparkPeer | null>, asker: Asker): Promise<void> {
  const { requester, userId, access, deps, send } = asker;
  switch (message.type) {
    case 'edit': {
      const spark = await peer;
      if (!spark) return send(errorReply(message, { code: 'INTERNAL', message: 'Spark is not in this session.' }));
      const { id, file, language, instruction, selection, pin, replacement, propose } = message;
      // Refused before Spark's checkpoint, cursor or redirect: with no model nothing may change.
      const refused = replacement === undefined ? deps.router.refusalWithoutModel() : null;
      if (refused) return send(errorReply(message, refused));
      const asker = personIn(spark.room, access.userId);
      const askedBy = asker.name;
      if (propose) {
        const request = { id, requester: requester, askedBy, file, language, instruction, from: selection.from, to: selection.to, pin };
        const author = { askerId: userId, askerName: asker.name, askerColor: asker.color };
        // A code block from the chat is proposed as it is; an instruction is proposed as the model writes it.
        if (replacement !== undefined) return proposeReplacement(spark, deps.router, { ...request, replacement }, author, send);
        return proposeEdit(spark, deps.router, request, author, send);
      }
      spark.edit({ id, requester: requester, askedBy, file, language, instruction, from: selection.from, to: selection.to, pin, replacement }, send);
      return;
    }
    case 'edit:workspace': {
      const spark = await peer;
      if (!spark) return send(errorReply(message, { code: 'INTERNAL', message: 'Spark is not in this session.' }));
      // Refused before Spark's checkpoint or cursor: with no model nothing may change.
      const refused = deps.router.refusalWithoutModel();
      if (refused) return send(errorReply(message, refused));
      const { id, instruction, file, pin, propose } = message;
      const asker = personIn(spark.room, access.userId);
      const request = { id, requester: requester, askedBy: asker.name, instruction, file, pin };
      if (propose) {
        const author = { askerId: userId, askerName: asker.name, askerColor: asker.color };
        return proposeBlocks(spark, deps.router, request, author, send);
      }
      spark.editWorkspace(request, send);
      return;
    }
    case 'actions': {
      const limited = await deps.router.admit(requester, access.roomId);
      if (limited) return send(errorReply(message, limited));
      const spark = await peer;
      const { from, to } = message.selection;
      const actions = spark ? await offeredActions(spark, deps.router.codeActions, message.file, from, to) : [];
      return send({ type: 'actions:list', id: message.id, actions });
    }
    case 'edit:action': {
      const limited = await deps.router.admit(requester, access.roomId);
      if (limited) return send(errorReply(message, limited));
      const spark = await peer;
      if (!spark) return send(errorReply(message, { code: 'INTERNAL', message: 'Spark is not in this session.' }));
      const { id, file, selection, action } = message;
      const askedBy = personIn(spark.room, access.userId).name;
      const request = { id, requester: requester, askedBy, file, from: selection.from, to: selection.to, action };
      return runCodeAction(spark, deps.router.codeActions, request, send);
    }
    case 'edit:stop': {
      const spark = await peer;
      if (spark && !spark.stop(message.id, requester)) proposalStreams(spark).stop(message.id, requester);
      return;
    }
    case 'proposal:accept':
    case 'proposal:reject': {
      const spark = await peer;
      if (!spark) return send(errorReply(message, { code: 'INTERNAL', message: 'Spark is not in this session.' }));
      const rule = (await deps.proposalReviewers?.(access.roomId)) ?? 'asker';
      const reviewer: Reviewer = { requester: requester, userId: userId, name: personIn(spark.room, access.userId).name };
      const act = message.type === 'proposal:accept' ? acceptProposal : rejectProposal;
      const result = await act(spark, reviewer, rule, message.proposal, message.hunk);
      return send(result.ok ? { type: 'proposal:done', id: message.id, decided: result.decided } : errorReply(message, result.error));
    }
    case 'edit:undo':
      return send({ type: 'edit:undone', ok: (await (await peer)?.undo(requester)) ?? false });
    case 'chat:ask': {
      const spark = await peer;
      if (!spark) return send(errorReply(message, { code: 'INTERNAL', message: 'Spark is not in this session.' }));
      const { id, question, context, pin } = message;
      const refused = spark.chat.ask({ id, requester: requester, asker: personIn(spark.room, access.userId), question, context, pin });
      if (refused) send(errorReply(message, refused));
      return;
    }
    case 'chat:stop':
      (await peer)?.chat.stop(message.id, requester);
      return;
    case 'run:fix': {
      const spark = await peer;
      if (!spark) return send(errorReply(message, { code: 'INTERNAL', message: 'Spark is not in this session.' }));
      const asker = { userId: access.userId, ...personIn(spark.room, access.userId) };
      const refused = spark.fixes.fix({ id: message.id, run: message.run, requester: requester, askerId: userId, asker }, send);
      if (refused) send(errorReply(message, refused));
      return;
    }
    case 'next-edit:changed': {
      // A report costs the language service's time: it spends the person's budget like an action.
      if (await deps.router.admit(requester, access.roomId)) return;
      const spark = await peer;
      if (!spark) return;
      const { file, from, to, before, after } = message;
      return offerFollowUps(spark, deps.router.codeActions, { file, from, to, before, after }, personOf(spark, access), deps.router.nextEdit.catchUpMs);
    }
    case 'next-edit:claim': {
      const spark = await peer;
      const refused = spark ? spark.followUps.claim(message.followUp, personOf(spark, access), access.connectionId) : 'FOLLOW_UP_GONE';
      if (refused) send(errorReply(message, { code: refused, message: NEXT_EDIT_REFUSAL_MESSAGES[refused] }));
      return;
    }
    case 'next-edit:release':
      (await peer)?.followUps.release(message.followUp, access.connectionId);
      return;
    default:
      assertNever(message);
  }
}

/** This person as the room's follow-ups name them: the verified identity, with the name the room shows. */
function personOf(spark: SparkPeer, access: AiAccess): FollowUpPerson {
  return { userId: access.userId ?? `connection:${access.connectionId}`, ...personIn(spark.room, access.userId) };
}
