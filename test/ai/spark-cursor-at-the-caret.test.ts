import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { awarenessStateSchema } from '../../lib/shared/protocol/awareness';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import { startInProcess, until, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDataDir, issueIdentity, type TestRoom } from '../helpers/sessions';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

const FILE = 'const a = 1;\n';
const NOTES = 'notes\n';

/** Where `client` draws Spark's caret: the file and the index its head resolves to in that file, or null. */
function sparkCaret(client: YjsClient): { file: string; index: number } | null {
  for (const raw of client.provider.awareness.getStates().values()) {
    const parsed = awarenessStateSchema.safeParse(raw);
    if (!parsed.success || parsed.data.user.kind !== 'spark') continue;
    const { file, selection } = parsed.data;
    if (!file || !selection) return null;
    const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(selection.head), client.doc);
    // A position in another file's text is no place in this one.
    return position && position.type === client.doc.getMap('files').get(file) ? { file, index: position.index } : null;
  }
  return null;
}

/** The caret at `index` of `text` as a page sends it with a request: anchored to the text right of it. */
const caretAt = (text: Y.Text, index: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));

describe("Spark's cursor is at the caret of the person it suggests to", () => {
  let server: InProcessServer;
  let room: TestRoom;
  /** Ada's document connection and her Spark connection; Bo only watches. */
  let ada: YjsClient;
  let adaSpark: AiTestClient;
  let bo: YjsClient;
  let requests = 0;

  /** Ada's page asks for a suggestion at the caret before `key` is typed there, as it does at a keydown. */
  async function askAtKeydown(index: number, key: string): Promise<void> {
    const text = ada.text();
    const before = text.toString();
    const id = `k${++requests}`;
    adaSpark.send({
      type: 'complete',
      id,
      file: 'main.ts',
      language: 'typescript',
      prefix: before.slice(0, index) + key,
      suffix: before.slice(index),
      at: caretAt(text, index),
    });
    await adaSpark.next('complete:done', (m) => m.id === id);
  }

  beforeAll(async () => {
    server = await startInProcess();
    room = await createRoomInDataDir(server.dataDir);
    const identity = await issueIdentity(server.url, room.room, room.editToken);
    ada = connectClient(server.wsUrl, room.room, room.editToken, undefined, identity.identity);
    bo = connectClient(server.wsUrl, room.room, room.editToken);
    await Promise.all([synced(ada), synced(bo)]);
    ada.text().insert(0, FILE);
    ada.text('notes.md').insert(0, NOTES);
    await whenDoc(bo.doc, () => bo.read() === FILE && bo.read('notes.md') === NOTES);
    adaSpark = await connectAi(server.url, { room: room.room, token: room.editToken, identity: identity.identity });
  });
  afterAll(async () => {
    adaSpark?.close();
    ada?.destroy();
    bo?.destroy();
    await server?.close();
  });

  it('after the key, when the request for it reached the server before the key did', async () => {
    // The request is answered, and Spark placed, while the room's file does not have the key yet.
    await askAtKeydown(0, 'X');
    await until("Spark's cursor in main.ts", () => sparkCaret(bo)?.file === 'main.ts');
    ada.text().insert(0, 'X');
    await whenDoc(bo.doc, () => bo.read() === 'X' + FILE);
    expect(sparkCaret(bo)).toEqual({ file: 'main.ts', index: 1 });
  });

  it('after the key, when the key reached the server first', async () => {
    const text = ada.text();
    const at = caretAt(text, 3);
    text.insert(3, 'Y');
    await whenDoc(bo.doc, () => bo.read() === 'XcoYnst a = 1;\n');
    const id = `k${++requests}`;
    adaSpark.send({ type: 'complete', id, file: 'main.ts', language: 'typescript', prefix: 'XcoY', suffix: 'nst a = 1;\n', at });
    await adaSpark.next('complete:done', (m) => m.id === id);
    await until("Spark's cursor after the Y", () => sparkCaret(bo)?.index === 4);
    expect(sparkCaret(bo)).toEqual({ file: 'main.ts', index: 4 });
  });

  it('never moves to a position that is not in the file the request names, nor makes a type of one', async () => {
    const loaded = await server.server.rooms.open(room.room);
    const roots = [...loaded.doc.share.keys()];
    // Every place Bo is shown Spark at from here on.
    const seen: Array<ReturnType<typeof sparkCaret>> = [];
    const record = () => seen.push(sparkCaret(bo));
    bo.provider.awareness.on('change', record);
    const forged = [caretAt(ada.text('notes.md'), 2), { tname: 'not-a-file', assoc: 0 }, { item: { client: 1, clock: 1e9 }, assoc: 0 }];
    for (const at of [...forged, caretAt(ada.text(), 2)]) {
      const id = `k${++requests}`;
      adaSpark.send({ type: 'complete', id, file: 'main.ts', language: 'typescript', prefix: '', suffix: '', at });
      await adaSpark.next('complete:done', (m) => m.id === id);
    }
    // The real caret sent last: once Bo sees Spark there, every move before it has reached him.
    await until("Spark's cursor at the real caret", () => sparkCaret(bo)?.index === 2);
    bo.provider.awareness.off('change', record);
    expect(seen).toEqual(seen.map(() => ({ file: 'main.ts', index: 2 })));
    expect([...loaded.doc.share.keys()]).toEqual(roots);
  });
});
