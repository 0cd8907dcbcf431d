import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendExchange, chatOf, MAX_CHAT_MESSAGES, readChat } from '../../lib/shared/document/chat-log';

const message = (id: string, role: 'person' | 'spark') =>
  ({ id, role, name: role === 'spark' ? 'Spark' : 'Ada', color: '#3b82f6', at: 1, text: `text of ${id}`, status: 'done', replyTo: null, context: null, tier: null, note: null }) as const;

describe('the chat log in the shared document', () => {
  it('keeps the newest messages and drops the oldest beyond the cap', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < MAX_CHAT_MESSAGES; i++) appendExchange(doc, message(`q${i}`, 'person'), message(`a${i}`, 'spark'), null);
    const chat = readChat(doc);
    expect(chat).toHaveLength(MAX_CHAT_MESSAGES);
    expect(chat.at(-1)!.id).toBe(`a${MAX_CHAT_MESSAGES - 1}`);
    expect(chat[0]!.id).toBe(`q${MAX_CHAT_MESSAGES / 2}`);
  });

  it('streams an answer into its Y.Text and reads it back as plain text', () => {
    const doc = new Y.Doc();
    const answer = appendExchange(doc, message('q', 'person'), { ...message('a', 'spark'), text: '', status: 'streaming' }, null);
    (answer.get('text') as Y.Text).insert(0, 'Hello');
    expect(readChat(doc)[1]).toMatchObject({ text: 'Hello', status: 'streaming' });
  });

  it('skips entries someone wrote by hand that do not fit the shape', () => {
    const doc = new Y.Doc();
    appendExchange(doc, message('q', 'person'), message('a', 'spark'), null);
    const forged = new Y.Map<unknown>();
    forged.set('id', 'x');
    forged.set('color', 'red; background: url(evil)');
    chatOf(doc).push([forged]);
    (chatOf(doc) as unknown as Y.Array<unknown>).push(['not a map']);
    expect(readChat(doc).map((m) => m.id)).toEqual(['q', 'a']);
  });
});
