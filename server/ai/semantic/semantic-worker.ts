/**
 * The language service's thread. Building a program over the standard library takes about a second and
 * each answer several milliseconds, so it runs apart from the n-gram engine, whose answers must never
 * wait behind it. Requests wait in a queue drained one per turn, so a request abandoned before it starts
 * (its deadline passed, or the person typed on) is removed by its cancel.
 */
import { parentPort } from 'node:worker_threads';
import type { FromEngine, ToEngine } from '../embedded/engine-messages';
import { SemanticEngine } from './semantic-engine';
import type { SemanticReplies, SemanticRequest } from './semantic-messages';

const port = parentPort!;
const engine = new SemanticEngine();
const queue: Array<{ id: number; request: SemanticRequest }> = [];
let draining = false;

function answer(request: SemanticRequest): unknown {
  const started = performance.now();
  switch (request.kind) {
    case 'warm':
      engine.warm();
      return { ms: performance.now() - started } satisfies SemanticReplies['warm'];
    case 'view':
      return { view: engine.view(request.input), ms: performance.now() - started } satisfies SemanticReplies['view'];
    case 'actions':
      return engine.actions(request.input) satisfies SemanticReplies['actions'];
    case 'action':
      return engine.action(request.input) satisfies SemanticReplies['action'];
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

function drain(): void {
  const next = queue.shift();
  if (!next) return void (draining = false);
  run(next.id, next.request);
  setImmediate(drain);
}

port.on('message', (message: ToEngine<SemanticRequest>) => {
  switch (message.type) {
    case 'file':
      return engine.room(message.room).set(message.path, message.text);
    case 'delta':
      return engine.room(message.room).apply(message.path, message.delta);
    case 'remove':
      return engine.room(message.room).remove(message.path);
    case 'close-room':
      return engine.closeRoom(message.room);
    case 'request':
      queue.push({ id: message.id, request: message.request });
      if (!draining) {
        draining = true;
        setImmediate(drain);
      }
      return;
    case 'cancel': {
      const at = queue.findIndex((q) => q.id === message.id);
      if (at !== -1) queue.splice(at, 1);
      return;
    }
  }
});
