import { describe, expect, it } from 'vitest';
import { TokenSigner } from '../../server/auth/tokens';
import { REFUSAL } from '../../lib/shared/protocol/refusals';
import { freshServerForEachTest } from '../helpers/fresh-server';
import { createRoomInDataDir, randomRoomId } from '../helpers/sessions';
import { nextClose, personState, synced, whenDoc } from '../helpers/yjs-client';

describe('who may enter a room', () => {
  const current = freshServerForEachTest();
  const connect = current.connect;

  it('refuses a websocket without a token', async () => {
    const closed = await nextClose(connect(null));
    expect(closed).toEqual({ code: REFUSAL.UNAUTHORIZED, reason: 'UNAUTHORIZED' });
  });

  it('refuses a forged token', async () => {
    const forged = new TokenSigner('not-the-server-secret-not-the-server-secret').issue(current.room.room, 'edit');
    const closed = await nextClose(connect(forged));
    expect(closed.code).toBe(REFUSAL.UNAUTHORIZED);
  });

  it('refuses a token for another room', async () => {
    const other = await createRoomInDataDir(current.server.dataDir);
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
    const editor = connect(current.room.editToken);
    const viewer = connect(current.room.viewToken);
    await Promise.all([synced(editor), synced(viewer)]);
    viewer.text().insert(0, 'vandalism');
    // Messages on one socket are handled in order: once the viewer's later awareness reaches the editor,
    // the server has handled (and dropped) its update.
    const awarenessArrived = new Promise<void>((resolve) =>
      editor.provider.awareness.on('change', () => {
        if (editor.provider.awareness.getStates().get(viewer.doc.clientID)?.marker === 1) resolve();
      }),
    );
    viewer.provider.awareness.setLocalState(personState('viewer', 'Vic', { marker: 1 }));
    await awarenessArrived;
    editor.text('ok.ts').insert(0, 'legit');
    const fresh = connect(current.room.editToken);
    await synced(fresh);
    await whenDoc(fresh.doc, () => fresh.read('ok.ts') === 'legit');
    expect(fresh.read('main.ts')).toBe('');
    expect(editor.read('main.ts')).toBe('');
  });
});
