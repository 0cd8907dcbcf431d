import * as Y from 'yjs';
import { z } from 'zod';
import { peerColorSchema } from '../protocol/awareness';

/**
 * The room's chat with Spark, kept in the shared document: `doc.getArray('chat')`, one Y.Map per message.
 * Only the server's Spark peer writes it (the question when someone asks, then the answer as it streams
 * into a Y.Text), so every browser — view-only ones too — sees the same conversation live, late joiners
 * and reconnecting pages catch up through the normal document sync, and it is saved with the session.
 * Any edit link can still write the document directly, so readers parse every entry and skip what does
 * not fit; text is only ever rendered as text.
 */

export const CHAT_KEY = 'chat';
/** Messages kept in the document (questions and answers); older ones drop off. */
export const MAX_CHAT_MESSAGES = 60;
export const MAX_QUESTION_CHARS = 4_000;
/** An answer is cut here, so a runaway model cannot bloat the shared document. */
export const MAX_ANSWER_CHARS = 16_000;

export type ChatStatus = 'streaming' | 'done' | 'stopped' | 'error';

/** What the asker was looking at, so everyone can see what the answer is about. */
export const chatContextSchema = z.object({
  file: z.string().max(512),
  /** 1-based, inclusive; equal when the question was about the cursor's line. */
  fromLine: z.number().int().positive(),
  toLine: z.number().int().positive(),
  selected: z.boolean(),
});
export type ChatContext = z.infer<typeof chatContextSchema>;

export const chatMessageSchema = z.object({
  id: z.string().min(1).max(80),
  role: z.enum(['person', 'spark']),
  name: z.string().min(1).max(40),
  color: peerColorSchema,
  at: z.number(),
  text: z.string().max(MAX_ANSWER_CHARS + 100),
  status: z.enum(['streaming', 'done', 'stopped', 'error']),
  /** For an answer: the question's id. */
  replyTo: z.string().max(80).nullable().default(null),
  context: chatContextSchema.nullable().default(null),
  /** Which model answered ("deep tier (…)"), once known. */
  tier: z.string().max(200).nullable().default(null),
  /** Said under the answer: a fallback to another tier, an error, or that it was cut. */
  note: z.string().max(1000).nullable().default(null),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export function chatOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(CHAT_KEY);
}

/** The conversation as plain objects, oldest first; entries that do not parse are left out. */
export function readChat(doc: Y.Doc): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const entry of chatOf(doc).toArray()) {
    if (!(entry instanceof Y.Map)) continue;
    const parsed = chatMessageSchema.safeParse(entry.toJSON());
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

type Fields = Omit<ChatMessage, 'text'> & { text: string };

function toMap(fields: Fields): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, key === 'text' ? new Y.Text(value as string) : value);
  return map;
}

/**
 * Appends a question and its (empty, streaming) answer in one transaction and drops the oldest messages
 * beyond the cap. Returns the answer's map, which the writer streams into.
 */
export function appendExchange(doc: Y.Doc, question: Fields, answer: Fields, origin: unknown): Y.Map<unknown> {
  const chat = chatOf(doc);
  const answerMap = toMap(answer);
  doc.transact(() => {
    chat.push([toMap(question), answerMap]);
    if (chat.length > MAX_CHAT_MESSAGES) chat.delete(0, chat.length - MAX_CHAT_MESSAGES);
  }, origin);
  return answerMap;
}
