/**
 * The embedded engine's thread. It owns the corpus index and every room's files and indexes, so their
 * memory is off the main heap and a completion, however large the workspace, never holds the event loop
 * that serves the rooms. Requests wait in a queue drained one per turn, so a cancel that arrives before a
 * request starts removes it.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { EmbeddedEngine, type EmbeddedEngineOptions } from './embedded-engine';
import type { EngineReplies, EngineRequest, FromEngine } from './engine-messages';
import { serveWorker } from './worker-loop';

const port = parentPort!;
const engine = new EmbeddedEngine(workerData.options as EmbeddedEngineOptions);

function answer(request: EngineRequest): unknown | Promise<unknown> {
  switch (request.kind) {
    case 'load':
      return engine.load();
    case 'complete': {
      const started = performance.now();
      const text = engine.complete(request.input);
      return { text, ms: performance.now() - started } satisfies EngineReplies['complete'];
    }
    case 'stats':
      return { rooms: engine.roomCount, threadId, heapUsedBytes: process.memoryUsage().heapUsed } satisfies EngineReplies['stats'];
  }
}

function reply(message: FromEngine): void {
  port.postMessage(message);
}

async function run(id: number, request: EngineRequest): Promise<void> {
  try {
    reply({ type: 'reply', id, ok: true, value: await answer(request) });
  } catch (error) {
    reply({ type: 'reply', id, ok: false, message: (error as Error).message });
  }
}

// Loading runs beside completions (it yields between files); everything else waits its turn.
serveWorker(port, engine, { run, runsAtOnce: (request) => request.kind === 'load' });
