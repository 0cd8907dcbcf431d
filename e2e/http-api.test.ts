import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL } from '../lib/shared/protocol/refusals';
import type { CreatedSession } from '../lib/shared/protocol/sessions';
import { readTokenClaims } from '../lib/shared/share-token';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { connectClient, nextClose, synced } from '../test/helpers/yjs-client';

type Created = CreatedSession;

describe('the HTTP API of a built server', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ next: true });
  });
  afterAll(() => server.stop());

  const createSession = async (): Promise<Created> => {
    const response = await fetch(`${server.url}/api/sessions`, { method: 'POST' });
    expect(response.status).toBe(201);
    return (await response.json()) as Created;
  };

  it('answers health with version and uptime', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number) });
  });

  it('creates sessions with unguessable ids and links that carry their token in the fragment', async () => {
    const a = await createSession();
    const b = await createSession();
    expect(a.room).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.room).not.toBe(b.room);
    expect(a.editUrl).toBe(`${server.url}/s/${a.room}#k=${a.editToken}`);
    expect(a.viewUrl).toBe(`${server.url}/s/${a.room}#k=${a.viewToken}`);
    expect(a.ownerUrl).toBe(`${server.url}/s/${a.room}#k=${a.ownerToken}`);
    expect(readTokenClaims(a.ownerToken)).toMatchObject({ r: a.room, p: 'owner' });
    expect(readTokenClaims(a.editToken)).toMatchObject({ r: a.room, p: 'edit' });
    expect(readTokenClaims(a.viewToken)).toMatchObject({ r: a.room, p: 'view' });
  });

  it('gives the links of a room only to a holder of its edit token', async () => {
    const created = await createSession();
    const asEditor = await fetch(`${server.url}/api/sessions/${created.room}/links`, {
      headers: { authorization: `Bearer ${created.editToken}` },
    });
    expect(asEditor.status).toBe(200);
    expect(await asEditor.json()).toMatchObject({ viewUrl: created.viewUrl });
    const asViewer = await fetch(`${server.url}/api/sessions/${created.room}/links`, {
      headers: { authorization: `Bearer ${created.viewToken}` },
    });
    expect(asViewer.status).toBe(403);
    const other = await createSession();
    const wrongRoom = await fetch(`${server.url}/api/sessions/${created.room}/links`, {
      headers: { authorization: `Bearer ${other.editToken}` },
    });
    expect(wrongRoom.status).toBe(403);
    expect(await wrongRoom.json()).toMatchObject({ error: 'FORBIDDEN_ROOM' });
  });

  it('rotating the links (owner only) cuts off holders of the old ones', async () => {
    const created = await createSession();
    const oldViewer = connectClient(server.wsUrl, created.room, created.viewToken);
    await synced(oldViewer);
    const cutOff = nextClose(oldViewer);
    const asEditor = await fetch(`${server.url}/api/sessions/${created.room}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.editToken}` },
    });
    expect(asEditor.status).toBe(403);
    const response = await fetch(`${server.url}/api/sessions/${created.room}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.ownerToken}` },
    });
    expect(response.status).toBe(200);
    const rotated = (await response.json()) as Created;
    expect(rotated.editToken).not.toBe(created.editToken);
    expect(await cutOff).toEqual({ code: REFUSAL.LINKS_ROTATED, reason: 'LINKS_ROTATED' });
    oldViewer.provider.shouldConnect = false;
    // Reconnecting with the old token is refused; the new one is let in.
    const stale = connectClient(server.wsUrl, created.room, created.editToken);
    expect((await nextClose(stale)).reason).toBe('LINKS_ROTATED');
    stale.provider.shouldConnect = false;
    const fresh = connectClient(server.wsUrl, created.room, rotated.editToken);
    await synced(fresh);
    for (const client of [oldViewer, stale, fresh]) client.destroy();
  });

  it('sends security headers with pages', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('exports Prometheus metrics', async () => {
    const response = await fetch(`${server.url}/api/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('sparkpad_yjs_connections');
    expect(text).toContain('sparkpad_readonly_updates_dropped_total');
  });
});
