/**
 * A worker thread that mirrors rooms' files and answers requests: room files are mirrored into it as text
 * deltas (see engine-feed.ts); a request is one message out and one back, abandoned at once when its
 * AbortSignal fires. If the worker dies, pending requests fail, a new worker starts, and every attached
 * room sends its files again. The n-gram engine and the language service each run in one.
 */
import { Worker } from 'node:worker_threads';
import type { FromEngine, ToEngine } from './engine-messages';
import type { TextDelta } from './text-delta';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** What a room's feed calls to keep the worker's copy of the room current. */
export interface RoomMirror {
  set(path: string, text: string): void;
  apply(path: string, delta: TextDelta): void;
  remove(path: string): void;
  close(): void;
}

/** Where a room registers to be mirrored; each worker channel is one. */
export interface WorkspaceMirrors {
  attach(room: string, resync: (mirror: RoomMirror) => void): RoomMirror;
}

/** `Request` is a union keyed by `kind`; `Replies` maps each kind to its answer. */
export class WorkerChannel<Request extends { kind: string }, Replies extends Record<Request['kind'], unknown>> implements WorkspaceMirrors {
  private worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly resyncs = new Map<string, () => void>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly entry: URL,
    private readonly workerData: unknown,
  ) {
    this.worker = this.spawn();
  }

  /**
   * Registers a room. `resync` must send every file of the room with `set`: it runs now and again after
   * a worker restart.
   */
  attach(room: string, resync: (mirror: RoomMirror) => void): RoomMirror {
    const mirror: RoomMirror = {
      set: (path, text) => this.post({ type: 'file', room, path, text }),
      apply: (path, delta) => this.post({ type: 'delta', room, path, delta }),
      remove: (path) => this.post({ type: 'remove', room, path }),
      close: () => {
        this.resyncs.delete(room);
        this.post({ type: 'close-room', room });
      },
    };
    this.resyncs.set(room, () => resync(mirror));
    resync(mirror);
    return mirror;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failPending(new Error('the worker was shut down'));
    await this.worker.terminate();
  }

  /** A new worker replaced one that died; its rooms are already sent again. */
  protected onRestart(): void {}

  protected call<K extends Request['kind']>(request: Extract<Request, { kind: K }>, signal?: AbortSignal): Promise<Replies[K]> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const id = this.nextId++;
    return new Promise<Replies[K]>((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(id);
        this.post({ type: 'cancel', id });
        reject(signal!.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as Replies[K]);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      this.post({ type: 'request', id, request });
    });
  }

  private post(message: ToEngine<Request>): void {
    if (!this.closed) this.worker.postMessage(message);
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./engine-worker-boot.mjs', import.meta.url), {
      workerData: { entry: this.entry.href, options: this.workerData },
    });
    // The worker never keeps the process alive by itself: the server's sockets do.
    worker.unref();
    worker.on('message', (message: FromEngine) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new Error(message.message));
    });
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      if (this.closed) return;
      this.failPending(new Error('the worker stopped and is restarting'));
      this.worker = this.spawn();
      for (const resync of this.resyncs.values()) resync();
      this.onRestart();
    });
    return worker;
  }

  private failPending(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
