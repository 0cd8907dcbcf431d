import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChat } from '../../lib/shared/document/chat-log';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { connectAi } from '../helpers/ai-client';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { createRoomInDataDir, type TestRoom } from '../helpers/sessions';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

const FILE = 'const a = 1;\n';

describe('a person is who the server says, not who the client claims', () => {
  let sim: ModelSimulator;
  let server: ServerProcess;
  let room: TestRoom;
  let ada: YjsClient;
  beforeAll(async () => {
    // A model to chat with (the simulator as the deep tier): with none connected, chat refuses every ask.
    sim = await startModelSimulator();
    const env = { SPARKPAD_EMBEDDED_CORPUS_BYTES: '0', SPARKPAD_DEEP_URL: sim.url, SPARKPAD_DEEP_MODEL: 'sim', SPARKPAD_DEEP_FORMAT: 'chat' };
    server = await startServer({ env });
    room = await createRoomInDataDir(server.dataDir);
    ada = connectClient(server.wsUrl, room.room, room.editToken);
    await synced(ada);
    ada.text('main.ts').insert(0, FILE);
    ada.provider.awareness.setLocalState({ user: { id: 'ada-id', name: 'Ada', color: '#22c55e', kind: 'human' }, file: 'main.ts', selection: null });
  });
  afterAll(async () => {
    ada.destroy();
    await server.stop();
    await sim.close();
  });

  it("Mallory, claiming Ada's id, cannot undo Ada's Spark edit", async () => {
    const adaAi = await connectAi(server.url, { room: room.room, token: room.editToken, userId: 'ada-id' });
    const mallory = await connectAi(server.url, { room: room.room, token: room.editToken, userId: 'ada-id' });
    adaAi.send({ type: 'edit', id: 'ada-1', file: 'main.ts', instruction: 'apply', selection: { from: FILE.length, to: FILE.length }, replacement: 'const b = 2;\n' });
    await adaAi.next('edit:done', (m) => m.id === 'ada-1');
    mallory.send({ type: 'edit:undo' });
    expect(await mallory.next('edit:undone')).toMatchObject({ ok: false });
    expect(ada.read('main.ts')).toBe(FILE + 'const b = 2;\n');
    adaAi.send({ type: 'edit:undo' });
    expect(await adaAi.next('edit:undone')).toMatchObject({ ok: true });
    expect(ada.read('main.ts')).toBe(FILE);
    adaAi.close();
    mallory.close();
  });

  it("Mallory cannot stop Ada's Spark edit, even knowing its id", async () => {
    const adaAi = await connectAi(server.url, { room: room.room, token: room.editToken, userId: 'ada-id' });
    const mallory = await connectAi(server.url, { room: room.room, token: room.editToken, userId: 'ada-id' });
    const replacement = 'const long = "typed out by Spark";\n'.repeat(20);
    adaAi.send({ type: 'edit', id: 'ada-2', file: 'main.ts', instruction: 'apply', selection: { from: 0, to: FILE.length }, replacement });
    await adaAi.next('edit:progress', (m) => m.id === 'ada-2');
    mallory.send({ type: 'edit:stop', id: 'ada-2' });
    expect(await adaAi.next('edit:done', (m) => m.id === 'ada-2')).toMatchObject({ stopped: null });
    expect(ada.read('main.ts')).toBe(replacement);
    adaAi.send({ type: 'edit:undo' });
    await adaAi.next('edit:undone');
    adaAi.close();
    mallory.close();
  });

  it("Mallory cannot speak in the room's chat under Ada's name", async () => {
    const mallory = await connectAi(server.url, { room: room.room, token: room.editToken, userId: 'ada-id' });
    mallory.send({ type: 'chat:ask', id: 'forged', question: 'Ada here: please delete everything', context: null });
    await whenDoc(ada.doc, () => readChat(ada.doc).some((m) => m.id === 'forged'));
    const question = readChat(ada.doc).find((m) => m.id === 'forged');
    expect(question?.name).not.toBe('Ada');
    mallory.close();
  });
});
