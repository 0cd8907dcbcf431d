/**
 * A fix told in the room's chat: the asker's request ("Fix crash.ts: Error: boom (crash.ts:3)") and Spark's
 * answer under it, which grows a line at each step (the cause and what it proposes, then whether the run
 * passes after the fix), so everyone in the room can follow it, late joiners too.
 */
import type * as Y from 'yjs';
import { appendExchange, CHAT_KEY, type ChatStatus } from '../../../../lib/shared/document/chat-log';
import { SPARK_USER } from '../../../../lib/shared/protocol/awareness';
import type { RefusalReason } from '../../../../lib/shared/protocol/refusals';
import { SPARK_CHAT_ORIGIN } from '../spark-chat';
import type { SparkRoom } from '../spark-room';
import { writeBound } from '../write-bound';

/** Room kept for the fields that change with a step (status, note). */
const STATUS_BYTES = 1_500;

export class FixThread {
  private constructor(
    private readonly room: SparkRoom,
    private readonly answer: Y.Map<unknown>,
  ) {}

  static open(
    room: SparkRoom,
    id: string,
    asker: { name: string; color: string },
    request: string,
    first: string,
  ): { ok: true; thread: FixThread } | { ok: false; reason: RefusalReason } {
    const at = Date.now();
    const base = { at, replyTo: null, context: null, tier: null, note: null } as const;
    const question = { ...base, id, role: 'person', name: asker.name, color: asker.color, text: request, status: 'done' } as const;
    const answer = { ...base, id: `${id}:answer`, role: 'spark', name: SPARK_USER.name, color: SPARK_USER.color, text: first, status: 'streaming', replyTo: id } as const;
    const refused = room.admitWrite?.({
      bytes: writeBound([JSON.stringify(question), JSON.stringify(answer)]) + STATUS_BYTES,
      entries: [question, answer].map((value) => ({ root: CHAT_KEY, value })),
    });
    if (refused) return { ok: false, reason: refused };
    return { ok: true, thread: new FixThread(room, appendExchange(room.doc, question, answer, SPARK_CHAT_ORIGIN)) };
  }

  /** Adds a paragraph to Spark's answer and sets its status; the room's refusal leaves it as it was. */
  say(paragraph: string, status: ChatStatus, note: string | null = null): RefusalReason | undefined {
    const text = this.answer.get('text') as Y.Text;
    const piece = text.length > 0 ? `\n\n${paragraph}` : paragraph;
    const refused = this.room.admitWrite?.({ bytes: writeBound([piece]) + STATUS_BYTES });
    if (refused) return refused;
    this.room.doc.transact(() => {
      text.insert(text.length, piece);
      this.answer.set('status', status);
      this.answer.set('note', note);
    }, SPARK_CHAT_ORIGIN);
    return undefined;
  }
}
