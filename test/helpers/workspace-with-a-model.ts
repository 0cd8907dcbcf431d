import { afterAll, beforeAll } from 'vitest';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { connectAi, type AiTestClient } from './ai-client';
import { startInProcess, type InProcessServer } from './in-process-server';
import { createRoomInDataDir, type TestRoom } from './sessions';
import { connectClient, synced, whenDoc, type YjsClient } from './yjs-client';

export interface WorkspaceWithAModel {
  sim: ModelSimulator;
  server: InProcessServer;
  room: TestRoom;
  /** The editor who wrote the files and stays connected, to read what the room holds. */
  writer: YjsClient;
  /** Spark's socket on the edit link, as a person's page holds it. */
  ada: AiTestClient;
}

/**
 * For a describe: the model simulator, an in-process server whose tiers (the settings `tiers` returns for
 * the simulator's URL) ask it, and one room holding `files` (path -> text) before Spark's socket connects.
 * `get()` answers once beforeAll ran; all of it is closed after the tests.
 */
export function workspaceWithAModel(
  files: Record<string, string>,
  tiers: (simUrl: string) => Record<string, string>,
): { get(): WorkspaceWithAModel } {
  let ready: WorkspaceWithAModel | null = null;
  let sim: ModelSimulator | null = null;
  let server: InProcessServer | null = null;
  let writer: YjsClient | null = null;
  beforeAll(async () => {
    sim = await startModelSimulator();
    server = await startInProcess({ env: tiers(sim.url) });
    const room = await createRoomInDataDir(server.dataDir);
    writer = connectClient(server.wsUrl, room.room, room.editToken);
    await synced(writer);
    for (const [path, text] of Object.entries(files)) writer.text(path).insert(0, text);
    // The room holds them before Spark joins (a reader who joins later sees them), as in a room opened again.
    const reader = connectClient(server.wsUrl, room.room, room.editToken);
    await whenDoc(reader.doc, () => Object.entries(files).every(([path, text]) => reader.read(path) === text));
    reader.destroy();
    const ada = await connectAi(server.url, { room: room.room, token: room.editToken });
    ready = { sim, server, room, writer, ada };
  });
  afterAll(async () => {
    ready?.ada.close();
    writer?.destroy();
    await server?.close();
    await sim?.close();
  });
  return {
    get() {
      if (!ready) throw new Error('the workspace is set up in beforeAll');
      return ready;
    },
  };
}
