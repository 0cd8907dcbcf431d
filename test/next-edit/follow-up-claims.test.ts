import { beforeAll, describe, expect, it } from 'vitest';
import type { FollowUp } from '../../lib/shared/protocol/next-edit';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import { roomOnItsOwnServer } from '../helpers/room-on-its-own-server';
import type { ServerProcess } from '../helpers/server-process';
import { issueIdentity, type TestRoom } from '../helpers/sessions';
import type { YjsClient } from '../helpers/yjs-client';

const GREET = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
const MAIN = "import { greet } from './greet';\n\nconsole.log(greet('Ada'));\n";
/** The language service builds its first program in the background: the first answer can take many seconds under load. */
const FIRST_ANSWER_MS = 120_000;

async function person(server: ServerProcess, room: TestRoom, token: string): Promise<AiTestClient> {
  const { identity } = await issueIdentity(server.url, room.room, room.editToken);
  return connectAi(server.url, { room: room.room, token, identity });
}

/** The identity the server knows a connection by, from its hello. */
function userIdOf(client: AiTestClient): string {
  const hello = client.inbox.find((m) => m.type === 'hello');
  return hello?.type === 'hello' ? hello.userId : '';
}

/** The next follow-up list that `where` accepts, as the client received it. */
function listWhere(client: AiTestClient, where: (followUps: FollowUp[]) => boolean): Promise<FollowUp[]> {
  return client.next('next-edit:list', (m) => where(m.followUps)).then((m) => m.followUps);
}

describe('next-edit follow-ups and their claims', () => {
  const fixture = roomOnItsOwnServer(MAIN);
  let server: ServerProcess;
  let room: TestRoom;
  let editor: YjsClient;
  let ada: AiTestClient;
  let bob: AiTestClient;
  let viewer: AiTestClient;
  let firstCall: FollowUp;

  beforeAll(async () => {
    ({ server, room, editor } = fixture.get());
    editor.text('greet.ts').insert(0, GREET);
    [ada, bob, viewer] = await Promise.all([person(server, room, room.editToken), person(server, room, room.editToken), person(server, room, room.viewToken)]);
    // The rename, as Ada's editor makes it and then reports it.
    const at = GREET.indexOf('greet');
    editor.doc.transact(() => {
      editor.text('greet.ts').delete(at, 'greet'.length);
      editor.text('greet.ts').insert(at, 'welcome');
    });
    ada.send({ type: 'next-edit:changed', id: 'rename', file: 'greet.ts', from: at, to: at + 'welcome'.length, before: 'greet', after: 'welcome' });
    [firstCall] = await listWhere(ada, (f) => f.length === 2);
  }, FIRST_ANSWER_MS);

  it('offers the import and the call site in the other file to everyone in the room, as Ada’s', async () => {
    for (const client of [ada, bob, viewer]) {
      const followUps = await listWhere(client, (f) => f.length === 2);
      expect(followUps.map((f) => [f.file, MAIN.slice(f.from, f.to), f.after, f.claimedBy])).toEqual([
        ['main.ts', 'greet', 'welcome', null],
        ['main.ts', 'greet', 'welcome', null],
      ]);
      expect(followUps.every((f) => f.author.userId === userIdOf(ada))).toBe(true);
    }
  });

  it('refuses a viewer’s claim, and a second person’s claim of a follow-up already claimed', async () => {
    viewer.send({ type: 'next-edit:claim', id: 'v1', followUp: firstCall.id });
    expect(await viewer.next('next-edit:refused', (m) => m.id === 'v1')).toMatchObject({ error: { code: 'READ_ONLY' } });
    // Nor may a viewer report a change: follow-ups come only from people who can make them.
    viewer.send({ type: 'next-edit:changed', id: 'v2', file: 'greet.ts', from: 16, to: 23, before: 'greet', after: 'welcome' });
    expect(await viewer.next('error', (m) => m.id === 'v2')).toMatchObject({ error: { code: 'READ_ONLY' } });
    ada.send({ type: 'next-edit:claim', id: 'a1', followUp: firstCall.id });
    const claimed = await listWhere(bob, (f) => f.some((x) => x.id === firstCall.id && x.claimedBy !== null));
    const adaId = userIdOf(ada);
    expect(claimed.find((x) => x.id === firstCall.id)?.claimedBy?.userId).toBe(adaId);
    bob.send({ type: 'next-edit:claim', id: 'b1', followUp: firstCall.id });
    expect(await bob.next('next-edit:refused', (m) => m.id === 'b1')).toMatchObject({ error: { code: 'ALREADY_CLAIMED' } });
    // The refusal changed nothing: it is still Ada's.
    const now = await listWhere(viewer, (f) => f.some((x) => x.id === firstCall.id && x.claimedBy !== null));
    expect(now.find((x) => x.id === firstCall.id)?.claimedBy?.userId).toBe(adaId);
  });

  it('drops a follow-up once it is applied, and refuses claiming it after', async () => {
    const main = editor.text('main.ts');
    const { from, to } = firstCall;
    editor.doc.transact(() => {
      main.delete(from, to - from);
      main.insert(from, 'welcome');
    });
    const left = await listWhere(bob, (f) => f.length === 1);
    expect(left[0]!.id).not.toBe(firstCall.id);
    ada.send({ type: 'next-edit:claim', id: 'a2', followUp: firstCall.id });
    expect(await ada.next('next-edit:refused', (m) => m.id === 'a2')).toMatchObject({ error: { code: 'FOLLOW_UP_GONE' } });
  });

  it('gives a claim back when the claimer leaves, for the next person to take', async () => {
    const [rest] = await listWhere(bob, (f) => f.length === 1);
    // Only lists from now on count: an earlier one showed Ada's first claim.
    const fresh = () => bob.inbox.splice(0, bob.inbox.length, ...bob.inbox.filter((m) => m.type === 'hello'));
    fresh();
    ada.send({ type: 'next-edit:claim', id: 'a3', followUp: rest!.id });
    await listWhere(bob, (f) => f[0]?.claimedBy?.userId === userIdOf(ada));
    fresh();
    ada.close();
    await listWhere(bob, (f) => f.length === 1 && f[0]!.claimedBy === null);
    bob.send({ type: 'next-edit:claim', id: 'b2', followUp: rest!.id });
    await listWhere(viewer, (f) => f[0]?.claimedBy?.userId === userIdOf(bob));
    bob.close();
    viewer.close();
  });
});
