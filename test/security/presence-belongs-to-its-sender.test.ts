import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPARK_USER } from '../../lib/shared/protocol/awareness';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import { startInProcess, type InProcessServer } from '../helpers/in-process-server';
import { encodeAwarenessStates, openRawYjsSocket, type RawYjsSocket } from '../helpers/raw-yjs-socket';
import { createRoomInDataDir, issueIdentity, type TestRoom } from '../helpers/sessions';
import { connectClient, personState, synced, whenAwareness, type YjsClient } from '../helpers/yjs-client';

type State = { user?: { id?: string; name?: string; kind?: string } } & Record<string, unknown>;

describe('presence carries only what its sender may say about itself', () => {
  let server: InProcessServer;
  let room: TestRoom;
  let ada: YjsClient;
  let adaId: string;
  let watcher: YjsClient;
  let spark: AiTestClient;
  /** The largest state the watcher was ever shown, in characters of JSON. */
  let largestSeen = 0;
  /** Every state the watcher was shown, by client id. */
  const seen: Array<{ clientId: number; state: State }> = [];
  let sentinels = 0;
  const clients: YjsClient[] = [];
  const sockets: RawYjsSocket[] = [];

  beforeAll(async () => {
    server = await startInProcess();
    room = await createRoomInDataDir(server.dataDir);
    const identity = await issueIdentity(server.url, room.room, room.editToken);
    adaId = identity.userId;
    ada = connectClient(server.wsUrl, room.room, room.editToken, undefined, identity.identity);
    watcher = connectClient(server.wsUrl, room.room, room.viewToken);
    clients.push(ada, watcher);
    await Promise.all([synced(ada), synced(watcher)]);
    watcher.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      for (const clientId of [...added, ...updated]) {
        const state = watcher.provider.awareness.getStates().get(clientId) as State | undefined;
        if (!state) continue;
        seen.push({ clientId, state });
        largestSeen = Math.max(largestSeen, JSON.stringify(state).length);
      }
    });
    ada.provider.awareness.setLocalState(personState(adaId, 'Ada'));
    spark = await connectAi(server.url, { room: room.room, token: room.editToken, identity: identity.identity });
    await whenAwareness(watcher, () => sparkEntry() !== undefined && nameOf(ada.doc.clientID) === 'Ada');
  });
  afterAll(async () => {
    spark.close();
    for (const socket of sockets.splice(0)) socket.close();
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  const states = () => watcher.provider.awareness.getStates() as Map<number, State>;
  const nameOf = (clientId: number) => states().get(clientId)?.user?.name;
  const sparkEntry = () => [...states()].find(([, state]) => state.user?.kind === SPARK_USER.kind);
  const clockOf = (clientId: number) => watcher.provider.awareness.meta.get(clientId)?.clock ?? 0;

  async function mallory(token: string, identity?: string): Promise<RawYjsSocket> {
    const socket = await openRawYjsSocket(server.wsUrl, room.room, token, identity);
    sockets.push(socket);
    return socket;
  }

  /** Sends a state the server must accept from `socket`'s own client id, and waits for the watcher to see it. */
  async function sentinel(socket: RawYjsSocket, clientId: number, clock: number): Promise<void> {
    const name = `sentinel ${++sentinels}`;
    socket.sendAwareness(encodeAwarenessStates([{ clientId, clock, state: personState(`stranger-${clientId}`, name) }]));
    await whenAwareness(watcher, () => nameOf(clientId) === name);
  }

  it("a view-only socket cannot overwrite Spark's presence or another person's", async () => {
    const socket = await mallory(room.viewToken);
    const [sparkId] = sparkEntry()!;
    const adaClient = ada.doc.clientID;
    socket.sendAwareness(
      encodeAwarenessStates([
        { clientId: sparkId, clock: clockOf(sparkId) + 1, state: { ...personState('spark', 'Spark (pwned)'), user: { ...SPARK_USER, name: 'Spark (pwned)' } } },
        { clientId: adaClient, clock: clockOf(adaClient) + 1, state: personState(adaId, 'Mallory') },
      ]),
    );
    await sentinel(socket, 900_001, 1);
    expect(nameOf(sparkId)).toBe('Spark');
    expect(nameOf(adaClient)).toBe('Ada');
    expect((ada.provider.awareness.getLocalState() as State).user?.name).toBe('Ada');
  });

  it('a 400 KB presence state is relayed to nobody', async () => {
    const socket = await mallory(room.editToken);
    socket.sendAwareness(encodeAwarenessStates([{ clientId: 900_002, clock: 1, state: personState('stranger-900002', 'Big', { padding: 'x'.repeat(400_000) }) }]));
    await sentinel(socket, 900_002, 2);
    expect(largestSeen).toBeLessThan(4096);
  });

  it("nobody presents another person's verified identity, a verified-looking id of their own making, or Spark's", async () => {
    const own = await issueIdentity(server.url, room.room, room.editToken);
    const verified = await mallory(room.editToken, own.identity);
    verified.sendAwareness(encodeAwarenessStates([{ clientId: 900_003, clock: 1, state: personState(adaId, 'Ada') }]));
    const stranger = await mallory(room.editToken);
    stranger.sendAwareness(encodeAwarenessStates([{ clientId: 900_004, clock: 1, state: personState('u_madeup', 'Ada') }]));
    const impostor = await mallory(room.editToken);
    impostor.sendAwareness(encodeAwarenessStates([{ clientId: 900_005, clock: 1, state: personState('spark-fan', 'spark ') }]));
    verified.sendAwareness(encodeAwarenessStates([{ clientId: 900_003, clock: 2, state: personState(own.userId, 'Mallory') }]));
    await whenAwareness(watcher, () => nameOf(900_003) === 'Mallory');
    await sentinel(stranger, 900_004, 2);
    await sentinel(impostor, 900_005, 2);
    const shownAs = (clientId: number) => seen.filter((entry) => entry.clientId === clientId).map(({ state }) => state.user);
    expect(shownAs(900_003)).toEqual([expect.objectContaining({ id: own.userId, name: 'Mallory' })]);
    expect(shownAs(900_004).map((user) => user?.id)).toEqual(['stranger-900004']);
    expect(shownAs(900_005).map((user) => user?.name)).toEqual(['sentinel 4']);
  });

  it('counts what it drops', async () => {
    const metrics = await (await fetch(`${server.url}/api/metrics`)).text();
    for (const reason of ['NOT_OWN_CLIENT', 'SPARK_RESERVED', 'TOO_LARGE', 'NOT_OWN_IDENTITY']) {
      expect(metrics).toMatch(new RegExp(`sparkpad_awareness_dropped_total\\{reason="${reason}"\\} [1-9]`));
    }
  });
});
