import { TokenSigner } from '../../server/auth/tokens';
import { SqliteStorage } from '../../server/collab/storage/sqlite-storage';
import { TEST_SECRET } from './server-process';

export interface TestRoom {
  room: string;
  editToken: string;
  viewToken: string;
}

/**
 * Creates a room in a server's data dir the way POST /api/sessions does, for protocol tests that run
 * the server without Next. The server must share the data dir and TEST_SECRET.
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
