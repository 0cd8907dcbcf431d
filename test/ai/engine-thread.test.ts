import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EngineThread } from '../../server/ai/embedded/engine-thread';
import { EngineFeed } from '../../server/ai/spark/engine-feed';
import { filesOf } from '../../lib/shared/document/doc-model';

const engine = new EngineThread({ corpusBytes: 0, nodeModules: path.resolve('node_modules') });
afterAll(() => engine.close());

const ask = (room: string, prefix: string) =>
  engine.complete({ room, path: 'src/app.ts', prefix, suffix: '\n', multiline: false, maxTokens: 32 });

function roomDoc(files: Record<string, string>): Y.Doc {
  const doc = new Y.Doc();
  for (const [name, text] of Object.entries(files)) filesOf(doc).set(name, new Y.Text(text));
  return doc;
}

describe('the embedded engine in its worker thread', () => {
  it("completes from the room's files, mirrored as text deltas as people edit them", async () => {
    const doc = roomDoc({ 'src/db.ts': 'const rows = await database.query(sql);\n' });
    const feed = new EngineFeed('delta-room', doc, engine);
    const dbText = filesOf(doc).get('src/db.ts')!;
    dbText.insert(dbText.toString().indexOf('sql'), 'params, ');
    dbText.delete(dbText.toString().indexOf('sql'), 3);
    dbText.insert(dbText.toString().indexOf(')'), '{ timeoutMs: 500 }');
    // The likely-right part of the line as the edits left it (params in, sql gone, the options object added).
    const text = await ask('delta-room', 'const users = await database.qu');
    expect(text).toMatch(/^ery\(params, \{/);
    expect('ery(params, { timeoutMs: 500 });'.startsWith(text)).toBe(true);
    filesOf(doc).set('src/late.ts', new Y.Text('const off = emitter.subscribeOnce(handler, { passive: true });\n'));
    const late = await ask('delta-room', 'function start() {\n  const off = emitter.subscribeOn');
    expect(late).toMatch(/^ce\(handler/);
    expect('ce(handler, { passive: true });'.startsWith(late)).toBe(true);
    feed.destroy();
  });

  it("keeps each room's index to itself", async () => {
    const a = new EngineFeed('room-a', roomDoc({ 'src/a.ts': 'const slider = registry.registerWidget(sliderFactory);\n' }), engine);
    const b = new EngineFeed('room-b', roomDoc({ 'src/b.ts': 'let unrelated = 1;\n' }), engine);
    expect(await ask('room-a', 'const slider = registry.registerWid')).toBe('get(sliderFactory);');
    expect(await ask('room-b', 'const slider = registry.registerWid')).toBe('');
    a.destroy();
    b.destroy();
    // A closed room's files are gone from the worker.
    expect(await ask('room-a', 'const slider = registry.registerWid')).toBe('');
  });

  it('gives up a request at once when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = engine.complete({ path: 'a.ts', prefix: 'x', suffix: '', multiline: false, maxTokens: 8 }, controller.signal);
    controller.abort(new Error('superseded'));
    await expect(pending).rejects.toThrow('superseded');
  });

  it('runs outside the main thread, with its own heap', async () => {
    const stats = await engine.stats();
    expect(stats.threadId).not.toBe(0);
    expect(stats.heapUsedBytes).toBeGreaterThan(0);
  });
});
