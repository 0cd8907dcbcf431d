import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAi, type AiTestClient } from '../helpers/ai-client';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { createRoomInDataDir } from '../helpers/sessions';
import { connectClient, synced, whenDoc, type YjsClient } from '../helpers/yjs-client';

/** Minified-looking code: one line of `chars` characters built from a statement template. */
function minifiedLine(chars: number, statement: (i: number) => string): string {
  let line = '';
  for (let i = 0; line.length < chars; i++) line += statement(i);
  return line.slice(0, chars);
}

describe('a Spark edit rewriting a 120k-character line, on a running server', () => {
  let server: ServerProcess;
  const clients: YjsClient[] = [];
  let spark: AiTestClient | null = null;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    spark?.close();
    for (const client of clients) client.destroy();
    await server?.stop();
  });

  it('keeps /api/health answering while Spark types the rewrite, and the file ends as asked', { timeout: 120_000 }, async () => {
    const room = await createRoomInDataDir(server.dataDir);
    const editor = connectClient(server.wsUrl, room.room, room.editToken);
    clients.push(editor);
    await synced(editor);
    const oldLine = minifiedLine(120_000, (i) => `var a${(i * 7) % 97}=function(b${i % 13}){return b${i % 13}*${i}};`);
    const newLine = minifiedLine(90_000, (i) => `const q${(i * 3) % 89}=(z)=>z.map(k=>k+${i * 11});`);
    editor.text('main.ts').insert(0, `${oldLine}\nrun();\n`);
    spark = await connectAi(server.url, { room: room.room, token: room.editToken });

    const answers: number[] = [];
    let running = true;
    const probe = (async () => {
      while (running) {
        const started = performance.now();
        await (await fetch(`${server.url}/api/health`)).arrayBuffer();
        answers.push(performance.now() - started);
      }
    })();
    // "Apply as edit": Spark types the given text over the selection, through the same diff and writer as a model's.
    spark.send({ type: 'edit', id: 'rewrite', file: 'main.ts', instruction: 'apply', selection: { from: 0, to: oldLine.length }, replacement: newLine });
    const ended = await Promise.race([
      spark.next('edit:done', (m) => m.id === 'rewrite'),
      spark.next('edit:error', (m) => m.id === 'rewrite'),
    ]);
    expect(ended.type).toBe('edit:done');
    running = false;
    await probe;

    await whenDoc(editor.doc, () => editor.read('main.ts') === `${newLine}\nrun();\n`);
    expect(answers.length).toBeGreaterThan(10);
    // Generous on purpose, for a loaded machine: the figure belongs to the benchmark; an unbounded character
    // diff of these lines held the event loop for tens of seconds.
    expect(Math.max(...answers)).toBeLessThan(5_000);
  });
});
