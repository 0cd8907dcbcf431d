import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { EngineThread } from '../../server/ai/embedded/engine-thread';
import { SemanticThread } from '../../server/ai/semantic/semantic-thread';
import { EngineFeed } from '../../server/ai/spark/engine-feed';
import { filesOf } from '../../lib/shared/document/doc-model';

const IDLE_MS = 60_000;

function roomDoc(files: Record<string, string>): Y.Doc {
  const doc = new Y.Doc();
  for (const [name, text] of Object.entries(files)) filesOf(doc).set(name, new Y.Text(text));
  return doc;
}

// Only the idle timer and the clock it reads are faked: the worker's messages are real.
const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
afterEach(() => vi.useRealTimers());

describe('worker threads exist only while they are used', () => {
  it('starts no language-service thread until a room asks it, lets it go after the idle timeout and starts it again on demand', async () => {
    fakeClock();
    const thread = new SemanticThread({ idleMs: IDLE_MS });
    try {
      const doc = roomDoc({
        'src/shape.ts': 'export interface Shape { area(): number }\n',
        'src/main.ts': "import type { Shape } from './shape';\nexport const f = (s: Shape) => s.\n",
      });
      const feed = new EngineFeed('lazy-room', doc, thread);
      const shape = filesOf(doc).get('src/shape.ts')!;
      shape.insert(shape.toString().indexOf(' }'), '; perimeter(): number');
      // A room attached and edited, nobody asked: no thread.
      expect(thread.running).toBe(false);

      const prefix = "import type { Shape } from './shape';\nexport const f = (s: Shape) => s.";
      const ask = async (typed: string) => (await thread.view({ room: 'lazy-room', path: 'src/main.ts', prefix: prefix + typed, suffix: '\n' })).view.names;
      expect(await ask('per')).toEqual(['perimeter']);
      expect(thread.running).toBe(true);

      vi.advanceTimersByTime(IDLE_MS - 1);
      expect(thread.running).toBe(true);
      vi.advanceTimersByTime(1);
      expect(thread.running).toBe(false);

      // Edits made while no thread runs reach the next one: it is sent the room whole when it starts.
      shape.insert(shape.toString().indexOf(' }'), '; perch(): void');
      expect(await ask('perc')).toEqual(['perch']);
      expect(thread.running).toBe(true);
      feed.destroy();
    } finally {
      await thread.close();
    }
  }, 60_000);

  it('keeps a thread that is asked within the idle timeout, and a new one after a stop is another thread', async () => {
    fakeClock();
    const engine = new EngineThread({ corpusBytes: 0, nodeModules: path.resolve('node_modules') }, { idleMs: IDLE_MS });
    try {
      expect(engine.running).toBe(false);
      const first = await engine.stats();
      vi.advanceTimersByTime(IDLE_MS / 2);
      await engine.stats();
      vi.advanceTimersByTime(IDLE_MS / 2);
      // Half the timeout since the last request: still running.
      expect(engine.running).toBe(true);
      vi.advanceTimersByTime(IDLE_MS / 2);
      expect(engine.running).toBe(false);
      const second = await engine.stats();
      expect(second.threadId).not.toBe(first.threadId);
      expect(second.threadId).not.toBe(0);
    } finally {
      await engine.close();
    }
  });

  it('keeps a thread whose request is still running past the idle timeout', async () => {
    fakeClock();
    const engine = new EngineThread({ corpusBytes: 0, nodeModules: path.resolve('node_modules') }, { idleMs: IDLE_MS });
    try {
      const answer = engine.stats();
      vi.advanceTimersByTime(IDLE_MS * 3);
      expect(engine.running).toBe(true);
      expect((await answer).threadId).not.toBe(0);
    } finally {
      await engine.close();
    }
  });
});
