import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { createSessionViaApi } from '../helpers/sessions';

async function defaults(url: string, room: string, token: string, body?: unknown) {
  const response = await fetch(`${url}/api/sessions/${room}/defaults`, {
    method: body === undefined ? 'GET' : 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("only the owner link sets a room's defaults; every member reads them", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it('lets the owner save defaults that the edit and view links then read', async () => {
    const session = await createSessionViaApi(server.url);
    expect(await defaults(server.url, session.room, session.viewToken)).toEqual({ status: 200, body: {} });
    const saved = await defaults(server.url, session.room, session.ownerToken, { pin: 'deep', ghostText: 'off', theme: 'light', fontSize: 16 });
    expect(saved.status).toBe(200);
    for (const token of [session.editToken, session.viewToken, session.ownerToken]) {
      expect((await defaults(server.url, session.room, token)).body).toEqual({ pin: 'deep', ghostText: 'off', theme: 'light', fontSize: 16 });
    }
  });

  it('refuses an edit or view link with OWNER_ONLY and changes nothing', async () => {
    const session = await createSessionViaApi(server.url);
    await defaults(server.url, session.room, session.ownerToken, { pin: 'fast' });
    for (const token of [session.editToken, session.viewToken]) {
      expect(await defaults(server.url, session.room, token, { pin: 'deep' })).toMatchObject({ status: 403, body: { error: 'OWNER_ONLY' } });
    }
    expect((await defaults(server.url, session.room, session.viewToken)).body).toEqual({ pin: 'fast' });
  });

  it('refuses a body that is not a set of known defaults, by name, and changes nothing', async () => {
    const session = await createSessionViaApi(server.url);
    await defaults(server.url, session.room, session.ownerToken, { theme: 'dark' });
    for (const bad of [{ pin: 'fastest' }, { fontSize: 400 }, { ghostText: 'snoozed' }, { theme: 'dark', admin: true }, '{not json', 'x'.repeat(5000)]) {
      expect(await defaults(server.url, session.room, session.ownerToken, bad)).toMatchObject({ status: 400, body: { error: 'INVALID_MESSAGE' } });
    }
    expect((await defaults(server.url, session.room, session.viewToken)).body).toEqual({ theme: 'dark' });
  });

  it('refuses without a valid token of that room', async () => {
    const session = await createSessionViaApi(server.url);
    const other = await createSessionViaApi(server.url);
    expect((await defaults(server.url, session.room, other.ownerToken, { pin: 'deep' })).body).toMatchObject({ error: 'FORBIDDEN_ROOM' });
    expect((await defaults(server.url, session.room, 'forged')).body).toMatchObject({ error: 'UNAUTHORIZED' });
  });
});
