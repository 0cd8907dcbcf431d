import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EmbeddedEngine } from '../../server/ai/embedded/embedded-engine';
import { SemanticCompleter } from '../../server/ai/semantic/semantic-completer';
import { SemanticThread } from '../../server/ai/semantic/semantic-thread';
import { EngineFeed } from '../../server/ai/spark/engine-feed';
import { filesOf } from '../../lib/shared/document/doc-model';

const thread = new SemanticThread();
// The thread starts on first use and builds the library program first: that start is not what is tested.
beforeAll(() => thread.warm(), 60_000);
afterAll(() => thread.close());

describe('the language service in its worker thread', () => {
  it("answers from the room's files, mirrored as people edit them", async () => {
    const doc = new Y.Doc();
    filesOf(doc).set('src/shape.ts', new Y.Text('export interface Shape { area(): number }\n'));
    filesOf(doc).set('src/main.ts', new Y.Text("import type { Shape } from './shape';\nexport const f = (s: Shape) => s.\n"));
    const feed = new EngineFeed('worker-room', doc, thread);
    const shape = filesOf(doc).get('src/shape.ts')!;
    shape.insert(shape.toString().indexOf(' }'), '; perimeter(): number');
    const prefix = "import type { Shape } from './shape';\nexport const f = (s: Shape) => s.per";
    const { view } = await thread.view({ room: 'worker-room', path: 'src/main.ts', prefix, suffix: '\n' });
    expect(view.names).toEqual(['perimeter']);
    feed.destroy();
  });

  it('lets the n-gram answer go out alone when the service misses its deadline', async () => {
    const ngrams = new EmbeddedEngine({ corpusBytes: 0 });
    const silent = { view: (_input: unknown, signal?: AbortSignal) => new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new Error('deadline')))) };
    const completer = new SemanticCompleter(ngrams, silent, 5);
    const prefix = 'emitter.on("open", handleOpen);\nemitter.on("close", handleClose);\nemitter.off("open", handle';
    expect(await completer.complete({ path: 'a.ts', prefix, suffix: '', multiline: false, maxTokens: 16 })).toBe('Open);');
  });
});
