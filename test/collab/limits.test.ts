import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL } from '../../lib/shared/protocol/refusals';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { createRoomInDataDir, type TestRoom } from '../helpers/sessions';
import { connectClient, nextClose, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

const LIMITS = {
  SPARKPAD_MAX_MESSAGE_BYTES: '8192',
  SPARKPAD_MAX_CLIENTS_PER_ROOM: '3',
};

// Limits of the connection itself (frame size, room address, members per room, server-wide load) need a
// real socket; what a document may hold is in document-limits.test.ts.
describe('connection limits', () => {
  let server: ServerProcess;
  const clients: YjsClient[] = [];
  beforeAll(async () => {
    server = await startServer({ env: LIMITS });
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  async function freshRoom(): Promise<TestRoom & { connect(): Promise<YjsClient> }> {
    const room = await createRoomInDataDir(server.dataDir);
    return {
      ...room,
      async connect() {
        const client = connectClient(server.wsUrl, room.room, room.editToken);
        clients.push(client);
        await synced(client);
        return client;
      },
    };
  }
  // What the browser does on a refusal: stop reconnecting instead of resending the refused update.
  const stopReconnecting = (client: YjsClient) =>
    client.provider.on('connection-close', () => (client.provider.shouldConnect = false));

  it('accepts a message under the size limit and closes a connection that sends one past it', async () => {
    const room = await freshRoom();
    const [writer, watcher] = [await room.connect(), await room.connect()];
    stopReconnecting(writer);
    writer.text('ok.ts').insert(0, 'x'.repeat(7000));
    await whenDoc(watcher.doc, () => watcher.read('ok.ts').length === 7000);
    const closed = nextClose(writer);
    writer.text('big.ts').insert(0, 'y'.repeat(9000));
    expect((await closed).code).toBe(1009);
    // The watcher is unaffected and never sees the oversized file.
    watcher.text('after.ts').insert(0, 'still here');
    const check = await room.connect();
    await whenDoc(check.doc, () => check.read('after.ts') === 'still here');
    expect(check.read('big.ts')).toBe('');
  });

  it('refuses a malformed room id', async () => {
    const client = connectClient(server.wsUrl, 'not a room!', 'x');
    clients.push(client);
    expect((await nextClose(client)).reason).toBe('BAD_ROOM_ID');
  });

  it('refuses a client past the per-room limit while the members keep working', async () => {
    const room = await freshRoom();
    const members = [await room.connect(), await room.connect(), await room.connect()];
    const extra = connectClient(server.wsUrl, room.room, room.editToken);
    clients.push(extra);
    expect(await nextClose(extra)).toEqual({ code: REFUSAL.ROOM_FULL, reason: 'ROOM_FULL' });
    extra.provider.shouldConnect = false;
    members[0]!.text().insert(0, 'members unaffected');
    await whenDoc(members[2]!.doc, () => members[2]!.read() === 'members unaffected');
  });
});

describe('server-wide load shedding', () => {
  let server: ServerProcess;
  const clients: YjsClient[] = [];
  beforeAll(async () => {
    server = await startServer({ env: { SPARKPAD_MAX_CONNECTIONS: '2', SPARKPAD_MAX_LOADED_ROOMS: '1' } });
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });
  const connect = (room: TestRoom) => {
    const client = connectClient(server.wsUrl, room.room, room.editToken);
    clients.push(client);
    return client;
  };

  it('refuses a room that would exceed the loaded-room limit, and a connection past the server limit', async () => {
    const [first, second] = [await createRoomInDataDir(server.dataDir), await createRoomInDataDir(server.dataDir)];
    const a = connect(first);
    await synced(a);
    const otherRoom = connect(second);
    expect(await nextClose(otherRoom)).toEqual({ code: REFUSAL.TOO_MANY_ROOMS, reason: 'TOO_MANY_ROOMS' });
    otherRoom.provider.shouldConnect = false;
    const b = connect(first);
    await synced(b);
    const third = connect(first);
    expect(await nextClose(third)).toEqual({ code: REFUSAL.TOO_MANY_CONNECTIONS, reason: 'TOO_MANY_CONNECTIONS' });
    third.provider.shouldConnect = false;
    a.text().insert(0, 'still working');
    await whenDoc(b.doc, () => b.read() === 'still working');
  });
});
