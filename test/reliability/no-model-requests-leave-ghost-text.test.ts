import { beforeAll, describe, expect, it } from 'vitest';
import { readChat } from '../../lib/shared/document/chat-log';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import { roomOnItsOwnServer } from '../helpers/room-on-its-own-server';
import type { ServerProcess } from '../helpers/server-process';
import type { TestRoom } from '../helpers/sessions';
import { whenDoc, type YjsClient } from '../helpers/yjs-client';

/** A line the embedded engine sees twice: the second time it can finish it from the first. */
const FILE = "function greet(name: string) {\n  return `hello ${name}`;\n}\nconsole.log(greet('world'));\n";
const TYPED = 'console.log(greet(';

/** The reply that ended request `id`: a refusal, or the completion's done. */
function endOf(client: AiTestClient, id: string) {
  return Promise.race([
    client.next('edit:error', (m) => m.id === id),
    client.next('chat:error', (m) => m.id === id),
    client.next('complete:error', (m) => m.id === id),
    client.next('complete:done', (m) => m.id === id),
  ]);
}

describe('with no model connected', () => {
  // No model connected: the embedded engine is the only tier.
  const fixture = roomOnItsOwnServer(FILE);
  let server: ServerProcess;
  let room: TestRoom;
  let editor: YjsClient;
  beforeAll(() => void ({ server, room, editor } = fixture.get()));


  /** Five instructions and questions in a row, alternating; resolves with how each one ended. */
  async function fiveWithoutModel(ada: AiTestClient, tag: string) {
    const ends = [];
    for (let i = 0; i < 5; i++) {
      const id = `${tag}-${i}`;
      if (i % 2 === 0) ada.send({ type: 'edit', id, file: 'main.ts', instruction: 'add a comment', selection: { from: 0, to: 8 } });
      else ada.send({ type: 'chat:ask', id, question: 'what does greet do?', context: null });
      // A chat answer that failed while streaming says so in the shared history, not on the socket.
      const failedInHistory = whenDoc(editor.doc, () => readChat(editor.doc).some((m) => m.replyTo === id && m.status === 'error'))
        .then(() => ({ error: 'in the history' }));
      ends.push(await Promise.race([endOf(ada, id), failedInHistory]));
    }
    return ends;
  }

  it('keeps ghost text working after five failed requests in a row', async () => {
    const ada = await connectAi(server.url, { room: room.room, token: room.editToken });
    for (const end of await fiveWithoutModel(ada, 'failed')) expect(end).toHaveProperty('error');
    ada.send({ type: 'complete', id: 'after', file: 'main.ts', language: 'typescript', prefix: FILE + TYPED, suffix: '' });
    expect(await endOf(ada, 'after')).toMatchObject({ type: 'complete:done', stats: { tier: 'embedded' } });
    const shown = ada.inbox.filter((m) => m.type === 'complete:chunk' && m.id === 'after').map((m) => ('text' in m ? m.text : '')).join('');
    expect(shown).toContain('world');
    ada.close();
  });

  it('refuses each by name, once, saying how to connect a model, and changes nothing', async () => {
    const ada = await connectAi(server.url, { room: room.room, token: room.editToken });
    for (const end of await fiveWithoutModel(ada, 'refused')) {
      expect(end).toMatchObject({ error: { code: 'NO_MODEL_CONNECTED', message: expect.stringMatching(/SPARKPAD_FAST_URL/) } });
    }
    // One message per refusal: no notice repeating it, no edit started.
    expect(ada.inbox.filter((m) => m.type === 'edit:notice' || m.type === 'edit:started')).toEqual([]);
    expect(editor.read('main.ts')).toBe(FILE);
    expect(readChat(editor.doc)).toEqual([]);
    ada.close();
  });
});
