import { afterAll, beforeAll } from 'vitest';
import { startServer, type ServerProcess } from './server-process';
import { createRoomInDataDir, type TestRoom } from './sessions';
import { connectClient, synced, type YjsClient } from './yjs-client';

export interface RoomOnItsOwnServer {
  server: ServerProcess;
  room: TestRoom;
  /** An editor who wrote the file and stays connected, to read what the room holds. */
  editor: YjsClient;
}

/**
 * For a describe: a server process of its own with no model connected (the embedded engine, without its
 * corpus, is the only tier) and one room whose main.ts holds `file`. `get()` answers once beforeAll ran.
 */
export function roomOnItsOwnServer(file: string): { get(): RoomOnItsOwnServer } {
  let ready: RoomOnItsOwnServer | null = null;
  beforeAll(async () => {
    const server = await startServer({ env: { SPARKPAD_EMBEDDED_CORPUS_BYTES: '0' } });
    const room = await createRoomInDataDir(server.dataDir);
    const editor = connectClient(server.wsUrl, room.room, room.editToken);
    await synced(editor);
    editor.text('main.ts').insert(0, file);
    ready = { server, room, editor };
  });
  afterAll(async () => {
    ready?.editor.destroy();
    await ready?.server.stop();
  });
  return {
    get() {
      if (!ready) throw new Error('the room is set up in beforeAll');
      return ready;
    },
  };
}
