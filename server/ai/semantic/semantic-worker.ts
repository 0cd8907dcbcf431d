/**
 * The language service's thread. Building a program over the standard library takes about a second and
 * each answer several milliseconds, so it runs apart from the n-gram engine, whose answers must never
 * wait behind it. Requests wait in a queue drained one per turn, so a request abandoned before it starts
 * (its deadline passed, or the person typed on) is removed by its cancel.
 */
import { parentPort } from 'node:worker_threads';
import type { FromEngine } from '../embedded/engine-messages';
import { serveWorker } from '../embedded/worker-loop';
import { SemanticEngine } from './semantic-engine';
import type { SemanticReplies, SemanticRequest } from './semantic-messages';

const port = parentPort!;
const engine = new SemanticEngine();

function answer(request: SemanticRequest): unknown {
  const started = performance.now();
  switch (request.kind) {
    case 'warm':
      engine.warm();
      return { ms: performance.now() - started } satisfies SemanticReplies['warm'];
    case 'view':
      return { view: engine.view(request.input), ms: performance.now() - started } satisfies SemanticReplies['view'];
    case 'anticipate':
      engine.anticipate(request.input);
      return { ms: performance.now() - started } satisfies SemanticReplies['anticipate'];
    case 'actions':
      return engine.actions(request.input) satisfies SemanticReplies['actions'];
    case 'action':
      return engine.action(request.input) satisfies SemanticReplies['action'];
    case 'follow-ups':
      return engine.followUps(request.input) satisfies SemanticReplies['follow-ups'];
  }
}

function run(id: number, request: SemanticRequest): void {
  let message: FromEngine;
  try {
    message = { type: 'reply', id, ok: true, value: answer(request) };
  } catch (error) {
    message = { type: 'reply', id, ok: false, message: (error as Error).message };
  }
  port.postMessage(message);
}

serveWorker(port, engine, { run });
