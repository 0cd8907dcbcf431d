import { afterAll, describe, expect, it } from 'vitest';
import { connectAi } from '../helpers/ai-client';
import { listVersions, saveVersion, versionFiles } from '../helpers/history';
import { startInProcess, until, type InProcessServer } from '../helpers/in-process-server';
import { createRoomInDatabase, createTestSchema, type TestSchema } from '../helpers/postgres';
import { makeDataDir } from '../helpers/server-process';
import { createRoomInDataDir, type TestRoom } from '../helpers/sessions';
import { connectClient, synced, whenDoc } from '../helpers/yjs-client';

const BEFORE = 'export const answer = 41;\n';
const AFTER = 'export const answer = 42;\n';

interface Backend {
  name: string;
  /** Env for a server on this backend; every server started with it sees the same documents. */
  env(): Promise<Record<string, string>>;
  createRoom(dataDir: string): Promise<TestRoom>;
}

let schema: TestSchema | null = null;
afterAll(async () => schema?.drop());

const backends: Backend[] = [
  { name: 'SQLite', env: async () => ({}), createRoom: (dataDir) => createRoomInDataDir(dataDir) },
  {
    name: 'PostgreSQL',
    env: async () => ({ SPARKPAD_DATABASE_URL: (schema ??= await createTestSchema()).url }),
    createRoom: async () => createRoomInDatabase((schema ??= await createTestSchema()).url),
  },
];

describe.each(backends)('versions on $name', (backend) => {
  it('a Spark edit leaves a checkpoint of the text just before it, kept through compaction and a restart', async () => {
    const dataDir = makeDataDir();
    // Every flush compacts, so the document is folded many times while the versions stay.
    const env = { ...(await backend.env()), SPARKPAD_COMPACT_AFTER_UPDATES: '1' };
    let server: InProcessServer = await startInProcess({ env, dataDir });
    const { room, editToken, viewToken } = await backend.createRoom(dataDir);
    const ada = connectClient(server.wsUrl, room, editToken);
    await synced(ada);
    ada.text().insert(0, BEFORE);
    const spark = await connectAi(server.url, { room, token: editToken });
    try {
      await until('the server has the file', async () => (await server.server.rooms.open(room)).doc.getMap('files').has('main.ts'));
      spark.send({ type: 'edit', id: 'e1', file: 'main.ts', instruction: 'make it 42', selection: { from: 0, to: BEFORE.length }, replacement: AFTER });
      await spark.next('edit:done', (m) => m.id === 'e1');
      await whenDoc(ada.doc, () => ada.read() === AFTER);
      expect((await saveVersion(server.url, room, editToken, 'after Spark')).status).toBe(201);
      await until('the checkpoint is listed', async () => (await listVersions(server.url, room, viewToken)).some((v) => v.kind === 'checkpoint'));
    } finally {
      spark.close();
      ada.destroy();
    }
    await server.close();
    server = await startInProcess({ env, dataDir });
    try {
      const versions = await listVersions(server.url, room, viewToken);
      const checkpoint = versions.find((v) => v.kind === 'checkpoint')!;
      expect(checkpoint.label).toContain('make it 42');
      expect((await versionFiles(server.url, room, viewToken, checkpoint.id)).files).toEqual({ 'main.ts': BEFORE });
      const manual = versions.find((v) => v.kind === 'manual')!;
      expect(manual).toMatchObject({ label: 'after Spark' });
      expect(manual.by).toEqual(expect.arrayContaining(['Spark']));
      expect((await versionFiles(server.url, room, viewToken, manual.id)).files).toEqual({ 'main.ts': AFTER });
      expect(versions.map((v) => v.at)).toEqual([...versions.map((v) => v.at)].sort((a, b) => b - a));
    } finally {
      await server.close();
    }
  });
});
