import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_FILE } from '../../lib/shared/document/doc-model';
import { aiHandshake, connectAi } from '../helpers/ai-client';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { createSessionViaApi, rotateLinks } from '../helpers/sessions';
import { connectClient, synced } from '../helpers/yjs-client';

describe("rotating a room's links closes Spark's sockets opened with the old ones", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it('closes an old edit link’s AI socket with LINKS_ROTATED, so it can no longer make Spark write', async () => {
    const session = await createSessionViaApi(server.url);
    const editor = connectClient(server.wsUrl, session.room, session.ownerToken);
    await synced(editor);
    editor.text('main.ts').insert(0, 'const safe = true;\n');
    const attacker = await connectAi(server.url, { room: session.room, token: session.editToken });

    expect((await rotateLinks(server.url, session.room, session.ownerToken)).status).toBe(200);
    expect((await attacker.closed).reason).toBe('LINKS_ROTATED');

    // Whatever the old socket still sends reaches no one: the file stays as it was.
    attacker.send({ type: 'edit', id: 'pwn', file: 'main.ts', instruction: 'x', selection: { from: 0, to: 0 }, replacement: 'PWNED_AFTER_ROTATION' });
    const probe = await connectAi(server.url, { room: session.room, token: session.ownerToken });
    probe.send({ type: 'edit:undo' });
    await probe.next('edit:undone');
    expect(editor.read('main.ts')).toBe(`const safe = true;\n${STARTER_FILE.content}`);
    probe.close();
    editor.destroy();
  });

  it('closes a revoked view link’s AI socket too', async () => {
    const session = await createSessionViaApi(server.url);
    const viewer = await connectAi(server.url, { room: session.room, token: session.viewToken });
    expect((await rotateLinks(server.url, session.room, session.ownerToken)).status).toBe(200);
    expect((await viewer.closed).reason).toBe('LINKS_ROTATED');
  });

  it('refuses a fresh handshake with an old token, and admits the new links and the owner link', async () => {
    const session = await createSessionViaApi(server.url);
    const rotated = await rotateLinks(server.url, session.room, session.ownerToken);
    expect(await aiHandshake(server.url, { room: session.room, token: session.editToken })).toBe('LINKS_ROTATED');
    expect(await aiHandshake(server.url, { room: session.room, token: session.viewToken })).toBe('LINKS_ROTATED');
    expect(await aiHandshake(server.url, { room: session.room, token: rotated.body.editToken as string })).toBe('connected');
    expect(await aiHandshake(server.url, { room: session.room, token: session.ownerToken })).toBe('connected');
  });
});
