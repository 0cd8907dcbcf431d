/**
 * The thread side of a worker channel (worker-channel.ts): room files and deltas go straight into the
 * engine's copy of the room, requests wait in a queue drained one per turn, so a cancel that arrives
 * before a request starts removes it. The n-gram engine and the language service each serve one.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ToEngine } from './engine-messages';
import type { TextDelta } from './text-delta';

/** An engine's mirror of the rooms it was sent. */
export interface MirroredRooms {
  room(id: string): { set(path: string, text: string): void; apply(path: string, delta: TextDelta): void; remove(path: string): void };
  closeRoom(id: string): void;
}

export interface WorkerLoop<Request> {
  /** Answers one request; it posts its own reply. */
  run(id: number, request: Request): void | Promise<void>;
  /** Requests that run at once, beside the queue (say, a load that yields between files). */
  runsAtOnce?(request: Request): boolean;
}

export function serveWorker<Request>(port: MessagePort, rooms: MirroredRooms, loop: WorkerLoop<Request>): void {
  const queue: Array<{ id: number; request: Request }> = [];
  let draining = false;
  const drain = (): void => {
    const next = queue.shift();
    if (!next) return void (draining = false);
    void loop.run(next.id, next.request);
    setImmediate(drain);
  };
  port.on('message', (message: ToEngine<Request>) => {
    switch (message.type) {
      case 'file':
        return rooms.room(message.room).set(message.path, message.text);
      case 'delta':
        return rooms.room(message.room).apply(message.path, message.delta);
      case 'remove':
        return rooms.room(message.room).remove(message.path);
      case 'close-room':
        return rooms.closeRoom(message.room);
      case 'request':
        if (loop.runsAtOnce?.(message.request)) return void loop.run(message.id, message.request);
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
}
