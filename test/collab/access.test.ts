import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../server/auth/tokens';
import { REFUSAL } from '../../lib/shared/protocol/refusals';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { createRoomInDataDir, randomRoomId, type TestRoom } from '../helpers/sessions';
import { connectClient, nextClose, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

describe('who may enter a room', () => {
  let server: ServerProcess;
  let room: TestRoom;
  const clients: YjsClient[] = [];
  const connect = (token: string | null, roomId = room.room) => {
    const client = connectClient(server.wsUrl, roomId, token);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startServer();
    room = await createRoomInDataDir(server.dataDir);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  it('refuses a websocket without a token', async () => {
    const closed = await nextClose(connect(null));
    expect(closed).toEqual({ code: REFUSAL.UNAUTHORIZED, reason: 'UNAUTHORIZED' });
  });

  it('refuses a forged token', async () => {
    const forged = new TokenSigner('not-the-server-secret-not-the-server-secret').issue(room.room, 'edit');
    const closed = await nextClose(connect(forged));
    expect(closed.code).toBe(REFUSAL.UNAUTHORIZED);
  });

  it('refuses a token for another room', async () => {
    const other = await createRoomInDataDir(server.dataDir);
    const closed = await nextClose(connect(other.editToken));
    expect(closed).toEqual({ code: REFUSAL.FORBIDDEN_ROOM, reason: 'FORBIDDEN_ROOM' });
  });

  it('refuses a room that was never created', async () => {
    const ghost = randomRoomId();
    const token = new TokenSigner((await import('../helpers/server-process')).TEST_SECRET).issue(ghost, 'edit');
    const closed = await nextClose(connect(token, ghost));
    expect(closed.code).toBe(REFUSAL.ROOM_NOT_FOUND);
  });

  it("drops a view-only client's update on the server and for other clients", async () => {
    const editor = connect(room.editToken);
    const viewer = connect(room.viewToken);
    await Promise.all([synced(editor), synced(viewer)]);
    viewer.text().insert(0, 'vandalism');
    // Messages on one socket are handled in order: once the viewer's later awareness reaches the editor,
    // the server has handled (and dropped) its update.
    const awarenessArrived = new Promise<void>((resolve) =>
      editor.provider.awareness.on('change', () => {
        if (editor.provider.awareness.getStates().get(viewer.doc.clientID)?.marker === 1) resolve();
      }),
    );
    viewer.provider.awareness.setLocalStateField('marker', 1);
    await awarenessArrived;
    editor.text('ok.ts').insert(0, 'legit');
    const fresh = connect(room.editToken);
    await synced(fresh);
    await whenDoc(fresh.doc, () => fresh.read('ok.ts') === 'legit');
    expect(fresh.read('main.ts')).toBe('');
    expect(editor.read('main.ts')).toBe('');
  });
});
