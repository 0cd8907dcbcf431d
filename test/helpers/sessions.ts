import { TokenSigner } from '../../server/auth/tokens';
import { SqliteStorage } from '../../server/collab/storage/sqlite-storage';
import { TEST_SECRET } from './server-process';

export interface TestRoom {
  room: string;
  editToken: string;
  viewToken: string;
}

/**
 * Creates a bare room in a server's data dir, as storage holds it before POST /api/sessions adds the
 * starter file, for protocol tests that write the document themselves. The server must share the data
 * dir and TEST_SECRET.
 */
export async function createRoomInDataDir(dataDir: string, room = randomRoomId()): Promise<TestRoom> {
  const storage = new SqliteStorage(dataDir);
  await storage.createRoom(room);
  await storage.close();
  const signer = new TokenSigner(TEST_SECRET);
  return { room, editToken: signer.issue(room, 'edit'), viewToken: signer.issue(room, 'view') };
}

export function randomRoomId(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url');
}

/** What `POST /api/sessions` answers, owner link included. */
export interface ApiSession extends TestRoom {
  ownerToken: string;
  editUrl: string;
  viewUrl: string;
  ownerUrl: string;
}

/** Creates a session through the HTTP API, as the New session button does. */
export async function createSessionViaApi(url: string): Promise<ApiSession> {
  const response = await fetch(`${url}/api/sessions`, { method: 'POST' });
  if (response.status !== 201) throw new Error(`POST /api/sessions answered ${response.status}`);
  return (await response.json()) as ApiSession;
}

/** `POST /api/sessions/<room>/rotate` with a bearer token: the status and the body. */
export async function rotateLinks(url: string, room: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/api/sessions/${room}/rotate`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A server-signed identity for this browser in this room (`POST /api/sessions/<room>/identity`). */
export async function issueIdentity(url: string, room: string, token: string, identity?: string): Promise<{ userId: string; identity: string }> {
  const response = await fetch(`${url}/api/sessions/${room}/identity`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(identity ? { identity } : {}),
  });
  if (response.status !== 200) throw new Error(`POST /api/sessions/${room}/identity answered ${response.status}`);
  return (await response.json()) as { userId: string; identity: string };
}
