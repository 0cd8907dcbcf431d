import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProposals } from '../../lib/shared/document/proposals';
import { startModelSimulator, type ModelSimulator } from '../../tools/sim/sim-server';
import { connectAi } from '../helpers/ai-client';
import { restartsInEachTest } from '../helpers/restarts';
import { createRoomInDataDir } from '../helpers/sessions';
import { storedDoc } from '../helpers/stored-document';
import { whenDoc, type YjsClient } from '../helpers/yjs-client';
import { SqliteStorage } from '../../server/collab/storage/sqlite-storage';

const FILE = ['function area(r) {', '  return 3.14 * r * r;', '}', '', 'function perimeter(r) {', '  return 2 * 3.14 * r;', '}', ''].join('\n');
const REWRITE = FILE.replaceAll('3.14', 'Math.PI');
const ACCEPTED = FILE.replace('3.14 * r * r', 'Math.PI * r * r');

/** What storage holds of a room: its file and how many proposals. */
async function onDisk(dataDir: string, room: string): Promise<{ text: string; proposals: number }> {
  const storage = new SqliteStorage(dataDir);
  try {
    const doc = storedDoc(await storage.loadDocument(room));
    return { text: doc.getMap('files').get('main.ts')?.toString() ?? '', proposals: readProposals(doc).length };
  } finally {
    await storage.close();
  }
}

/** The first close of `client`'s socket that the server sent as a refusal (codes 4000 and up). */
function refusalOf(client: YjsClient): Promise<string> {
  return new Promise((resolve) =>
    client.provider.on('connection-close', (event: CloseEvent | null) => {
      if ((event?.code ?? 0) >= 4000) resolve(`refused: ${event!.reason}`);
    }),
  );
}

describe('a server killed after a browser saw a proposal it had not stored', () => {
  let sim: ModelSimulator;
  beforeAll(async () => {
    sim = await startModelSimulator({ behaviour: { response: REWRITE, tokensPerSecond: 400 } });
  });
  afterAll(() => sim.close());
  const restarts = restartsInEachTest();

  it('takes the reconnecting browser’s typing, including what it typed after Spark’s text, and every page drops the lost proposal', { timeout: 60_000 }, async () => {
    // A window longer than the test's steps: nothing the room receives after its creation is stored before the kill.
    const env = { SPARKPAD_DEEP_URL: sim.url, SPARKPAD_DEEP_MODEL: 'sim', SPARKPAD_DEEP_FORMAT: 'chat', SPARKPAD_DURABILITY_WINDOW_MS: '10000' };
    const first = await restarts.start({ env });
    const { room, editToken } = await createRoomInDataDir(first.dataDir);
    const browser = await restarts.join(first, room, editToken);
    browser.text('main.ts').insert(0, FILE);
    // Another page that sees the proposal too, and reconnects on its own.
    const other = await restarts.join(first, room, editToken);

    const ada = await connectAi(first.url, { room, token: editToken });
    ada.send({ type: 'edit', id: 'p1', file: 'main.ts', instruction: 'use Math.PI', selection: { from: 0, to: FILE.length }, propose: true });
    await ada.next('edit:done', (m) => m.id === 'p1');
    await whenDoc(browser.doc, () => readProposals(browser.doc)[0]?.status === 'ready');
    // Spark types the accepted hunk into the file after writing the proposal; the browser then types right
    // after Spark's characters, so its edit builds on structs that follow the proposal's.
    ada.send({ type: 'proposal:accept', id: 'a1', proposal: 'p1', hunk: readProposals(browser.doc)[0]!.hunks[0]!.id });
    await ada.next('proposal:done', (m) => m.id === 'a1');
    await whenDoc(browser.doc, () => browser.read() === ACCEPTED);
    await whenDoc(other.doc, () => other.read() === ACCEPTED && readProposals(other.doc).length === 1);
    const text = browser.text('main.ts');
    text.insert(ACCEPTED.indexOf('Math.PI * r * r;') + 'Math.PI * r * r;'.length, ' // after Spark');
    ada.close();

    await first.kill();
    // What makes this case: the browser holds the proposal and its own text, storage holds neither.
    expect(await onDisk(first.dataDir, room)).toEqual({ text: '', proposals: 0 });
    text.insert(0, '// typed while the server was down\n');
    const typed = browser.read();
    expect(typed).toContain('Math.PI * r * r; // after Spark');

    const refused = refusalOf(browser);
    const second = await restarts.start({ dataDir: first.dataDir, port: first.port, env });
    const reader = await restarts.join(second, room, editToken);
    const outcome = await Promise.race([whenDoc(reader.doc, () => reader.read() === typed).then(() => 'merged'), refused]);
    expect(outcome).toBe('merged');
    // Nobody holds the proposal the server lost, the browser included, and what it typed is stored.
    expect(readProposals(reader.doc)).toEqual([]);
    await whenDoc(browser.doc, () => readProposals(browser.doc).length === 0);
    expect(browser.read()).toBe(typed);
    await whenDoc(other.doc, () => other.read() === typed && readProposals(other.doc).length === 0);
    expect(browser.provider.wsconnected).toBe(true);
    await second.stop();
    expect(await onDisk(first.dataDir, room)).toEqual({ text: typed, proposals: 0 });
  });
});
