import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_FILE } from '../../lib/shared/document/doc-model';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { createSessionViaApi, rotateLinks } from '../helpers/sessions';
import { connectClient, synced, whenDoc } from '../helpers/yjs-client';

describe('only the owner link can reset the links', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it('gives the creator an owner link beside the edit and view links', async () => {
    const session = await createSessionViaApi(server.url);
    expect(session.ownerUrl).toBe(`${server.url}/s/${session.room}#k=${session.ownerToken}`);
    expect(new Set([session.ownerToken, session.editToken, session.viewToken]).size).toBe(3);
  });

  it('refuses to rotate for an edit or view link, and the links keep working', async () => {
    const session = await createSessionViaApi(server.url);
    const member = connectClient(server.wsUrl, session.room, session.editToken);
    await synced(member);
    for (const token of [session.editToken, session.viewToken]) {
      const refused = await rotateLinks(server.url, session.room, token);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: 'OWNER_ONLY' });
    }
    const again = connectClient(server.wsUrl, session.room, session.editToken);
    await synced(again);
    expect(member.provider.wsconnected).toBe(true);
    for (const client of [member, again]) client.destroy();
  });

  it("lets the owner rotate, and the owner's own connection stays open", async () => {
    const session = await createSessionViaApi(server.url);
    const owner = connectClient(server.wsUrl, session.room, session.ownerToken);
    await synced(owner);
    const rotated = await rotateLinks(server.url, session.room, session.ownerToken);
    expect(rotated.status).toBe(200);
    expect(rotated.body.editToken).not.toBe(session.editToken);
    // A second rotation works too: the owner link does not age with the share links.
    expect((await rotateLinks(server.url, session.room, session.ownerToken)).status).toBe(200);
    owner.text('main.ts').insert(0, 'still here');
    const reader = connectClient(server.wsUrl, session.room, session.ownerToken);
    await whenDoc(reader.doc, () => reader.read('main.ts') === `still here${STARTER_FILE.content}`);
    expect(owner.provider.wsconnected).toBe(true);
    for (const client of [owner, reader]) client.destroy();
  });
});
