import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { REFUSAL, type RefusalReason } from '../../lib/shared/protocol/refusals';
import { startInProcess, type InProcessServer } from '../helpers/in-process-server';
import { openRawYjsSocket } from '../helpers/raw-yjs-socket';
import { createRoomInDataDir } from '../helpers/sessions';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

/**
 * An attacker's document whose first transaction is held back: every later one builds on it, so the
 * server can only park them (Yjs keeps updates with missing dependencies aside) until it arrives.
 */
function heldBackWrites(writes: Array<(doc: Y.Doc) => void>): { first: Uint8Array; rest: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.getMap<Y.Text>('files').set('seed.ts', new Y.Text('seed'));
  for (const write of writes) doc.transact(() => write(doc));
  return { first: updates[0]!, rest: updates.slice(1) };
}

const addFiles = (from: number, count: number) => (doc: Y.Doc) => {
  for (let i = from; i < from + count; i++) doc.getMap<Y.Text>('files').set(`f${i}.ts`, new Y.Text('x'));
};
const addBigFile = (i: number, bytes: number) => (doc: Y.Doc) => doc.getMap<Y.Text>('files').set(`big${i}.ts`, new Y.Text('y'.repeat(bytes)));
const closedWith = (reason: RefusalReason) => ({ code: REFUSAL[reason], reason });

describe('updates parked for missing dependencies count against the room limits', () => {
  const servers: InProcessServer[] = [];
  const clients: YjsClient[] = [];
  let server: InProcessServer;
  beforeAll(async () => {
    // No time bound to speak of: these tests hold the byte and file bounds, whatever the machine's load.
    server = await start({ SPARKPAD_MAX_PARKED_UPDATE_MS: '600000' });
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const started of servers.splice(0)) await started.close();
  });

  async function start(env: Record<string, string>): Promise<InProcessServer> {
    const started = await startInProcess({ env });
    servers.push(started);
    return started;
  }

  async function attack(on: InProcessServer, writes: Array<(doc: Y.Doc) => void>) {
    const room = await createRoomInDataDir(on.dataDir);
    const watcher = connectClient(on.wsUrl, room.room, room.editToken);
    clients.push(watcher);
    await synced(watcher);
    const socket = await openRawYjsSocket(on.wsUrl, room.room, room.editToken);
    const { first, rest } = heldBackWrites(writes);
    for (const update of rest) socket.sendUpdate(update);
    socket.sendUpdate(first);
    const late = async () => {
      const client = connectClient(on.wsUrl, room.room, room.editToken);
      clients.push(client);
      await synced(client);
      return client;
    };
    return { closed: socket.closed, watcher, late, socket };
  }

  it('applies parked updates once what they build on arrives', async () => {
    const { watcher, socket } = await attack(server, [addFiles(0, 3)]);
    await whenDoc(watcher.doc, () => watcher.doc.getMap('files').size === 4);
    socket.close();
  });

  it('refuses 301 files smuggled past the 200-file limit in parked updates', async () => {
    const { closed, late } = await attack(server, [addFiles(0, 100), addFiles(100, 100), addFiles(200, 101)]);
    expect(await closed).toEqual(closedWith('TOO_MANY_FILES'));
    const seen = await late();
    expect(seen.doc.getMap('files').size).toBe(0);
    // Nothing parked is handed on either: a joiner's first sync carries no parked structs.
    expect(seen.doc.store.pendingStructs).toBeNull();
  });

  it('refuses a 12 MB document parked a megabyte at a time, past the parked-bytes bound', async () => {
    const writes = Array.from({ length: 13 }, (_, i) => addBigFile(i, 900_000));
    const { closed, late } = await attack(server, writes);
    expect(await closed).toEqual(closedWith('MISSING_DEPENDENCIES'));
    const seen = await late();
    expect(seen.doc.getMap('files').size).toBe(0);
    // Nothing parked is handed on either: a joiner's first sync carries no parked structs.
    expect(seen.doc.store.pendingStructs).toBeNull();
  });

  it('counts parked bytes against the document limit when the parked bound is generous', async () => {
    // A 2 MiB document limit: the same promise as at 10 MiB, for a fifth of the bytes.
    const generous = await start({
      SPARKPAD_MAX_DOCUMENT_BYTES: String(2 * 1024 * 1024),
      SPARKPAD_MAX_PARKED_UPDATE_BYTES: String(64 * 1024 * 1024),
      SPARKPAD_MAX_PARKED_UPDATE_MS: '600000',
    });
    const writes = Array.from({ length: 3 }, (_, i) => addBigFile(i, 900_000));
    const { closed, late } = await attack(generous, writes);
    expect(await closed).toEqual(closedWith('DOCUMENT_TOO_LARGE'));
    const seen = await late();
    expect(seen.doc.getMap('files').size).toBe(0);
    expect(seen.doc.store.pendingStructs).toBeNull();
  });

  it('closes a socket whose updates stay parked past the time bound, and forgets them', async () => {
    const impatient = await start({ SPARKPAD_MAX_PARKED_UPDATE_MS: '100' });
    const room = await createRoomInDataDir(impatient.dataDir);
    const watcher = connectClient(impatient.wsUrl, room.room, room.editToken);
    clients.push(watcher);
    await synced(watcher);
    const socket = await openRawYjsSocket(impatient.wsUrl, room.room, room.editToken);
    socket.sendUpdate(heldBackWrites([addFiles(0, 5)]).rest[0]!);
    expect(await socket.closed).toEqual(closedWith('MISSING_DEPENDENCIES'));
    const late = connectClient(impatient.wsUrl, room.room, room.editToken);
    clients.push(late);
    await synced(late);
    expect(late.doc.store.pendingStructs).toBeNull();
  });
});
