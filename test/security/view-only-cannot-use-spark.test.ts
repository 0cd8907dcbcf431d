import { beforeAll, describe, expect, it } from 'vitest';
import { readChat } from '../../lib/shared/document/chat-log';
import type { ClientMessageInput, ServerMessage } from '../../lib/shared/protocol/ai';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import { roomOnItsOwnServer } from '../helpers/room-on-its-own-server';
import type { ServerProcess } from '../helpers/server-process';
import type { TestRoom } from '../helpers/sessions';
import type { YjsClient } from '../helpers/yjs-client';

const FILE = 'const a = 1;\nconst b = 2;\n';

/** The refusal a message gets, whatever reply type its kind uses. */
function refusalOf(client: AiTestClient, id: string | undefined): Promise<ServerMessage> {
  return client.nextMatching((m) => 'error' in m && (id === undefined || ('id' in m && m.id === id)), `a refusal for ${id}`);
}

describe('a view-only link and Spark', () => {
  // No model connected: the embedded engine is the only tier.
  const fixture = roomOnItsOwnServer(FILE);
  let server: ServerProcess;
  let room: TestRoom;
  let editor: YjsClient;
  beforeAll(() => void ({ server, room, editor } = fixture.get()));


  it('is refused READ_ONLY for every message that writes or costs model time, and nothing changes', async () => {
    const viewer = await connectAi(server.url, { room: room.room, token: room.viewToken });
    const selection = { from: 0, to: 5 };
    const messages: ClientMessageInput[] = [
      { type: 'complete', id: 'v-complete', file: 'main.ts', prefix: 'const ', suffix: '' },
      { type: 'edit', id: 'v-edit', file: 'main.ts', instruction: 'break it', selection, replacement: 'PWNED' },
      { type: 'edit:workspace', id: 'v-workspace', instruction: 'create files everywhere', file: 'main.ts' },
      { type: 'edit:stop', id: 'v-stop' },
      { type: 'chat:ask', id: 'v-ask', question: 'hello?', context: null },
      { type: 'chat:stop', id: 'v-chat-stop' },
      { type: 'latency', id: 'v-latency', keystrokeToFirstCharMs: 1 },
    ];
    for (const message of messages) {
      viewer.send(message);
      const refusal = await refusalOf(viewer, 'id' in message ? message.id : undefined);
      expect(refusal, message.type).toMatchObject({ error: { code: 'READ_ONLY' } });
    }
    viewer.send({ type: 'edit:undo' });
    expect(await viewer.next('error', (m) => m.id === undefined)).toMatchObject({ error: { code: 'READ_ONLY' } });
    expect(editor.read('main.ts')).toBe(FILE);
    expect(readChat(editor.doc)).toEqual([]);
    viewer.close();
  });

  it("cannot stop or undo an editor's Spark edit", async () => {
    const ada = await connectAi(server.url, { room: room.room, token: room.editToken });
    const viewer = await connectAi(server.url, { room: room.room, token: room.viewToken });
    const replacement = 'const typed = "by Spark for Ada";\n'.repeat(20);
    ada.send({ type: 'edit', id: 'ada-edit', file: 'main.ts', instruction: 'apply', selection: { from: FILE.length, to: FILE.length }, replacement });
    await ada.next('edit:progress', (m) => m.id === 'ada-edit');
    viewer.send({ type: 'edit:stop', id: 'ada-edit' });
    expect(await ada.next('edit:done', (m) => m.id === 'ada-edit')).toMatchObject({ stopped: null });
    viewer.send({ type: 'edit:undo' });
    await viewer.next('error');
    expect(editor.read('main.ts')).toBe(FILE + replacement);
    ada.send({ type: 'edit:undo' });
    expect(await ada.next('edit:undone')).toMatchObject({ ok: true });
    expect(editor.read('main.ts')).toBe(FILE);
    ada.close();
    viewer.close();
  });

  it('cannot put a tier into cooldown for everyone, nor spend anyone’s rate budget', async () => {
    const viewer = await connectAi(server.url, { room: room.room, token: room.viewToken, userId: 'ada' });
    // The private relay message and requests a viewer may not make: none reaches a tier.
    for (let i = 0; i < 30; i++) viewer.send({ type: 'chat', id: `v${i}`, messages: [{ role: 'user', content: 'hi' }], pin: 'auto' });
    for (let i = 0; i < 30; i++) viewer.send({ type: 'complete', id: `vc${i}`, file: 'main.ts', prefix: 'const ', suffix: '' });
    await refusalOf(viewer, 'vc29');
    const ada = await connectAi(server.url, { room: room.room, token: room.editToken, userId: 'ada' });
    ada.send({ type: 'complete', id: 'ada-1', file: 'main.ts', prefix: FILE + 'const ', suffix: '' });
    const end = await Promise.race([ada.next('complete:done', (m) => m.id === 'ada-1'), ada.next('complete:error', (m) => m.id === 'ada-1')]);
    expect(end.type).toBe('complete:done');
    expect(ada.inbox.filter((m) => m.type === 'complete:notice')).toEqual([]);
    ada.close();
    viewer.close();
  });
});
