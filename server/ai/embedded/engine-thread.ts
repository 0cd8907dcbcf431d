/**
 * The main thread's handle on the embedded engine's worker. Room files are mirrored into the worker as
 * text deltas (see engine-feed.ts); a completion is one message out and one back, abandoned at once when
 * its AbortSignal fires. If the worker dies, pending requests fail, a new worker starts, and every
 * attached room sends its files again.
 */
import { Worker } from 'node:worker_threads';
import type { CorpusStats, EmbeddedEngineOptions, EmbeddedInput } from './embedded-engine';
import type { EngineReplies, EngineRequest, FromEngine, ToEngine } from './engine-messages';
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

/** Where a room registers to be mirrored; the engine thread is the one implementation. */
export interface WorkspaceMirrors {
  attach(room: string, resync: (mirror: RoomMirror) => void): RoomMirror;
}

export class EngineThread implements WorkspaceMirrors {
  private worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly resyncs = new Map<string, () => void>();
  private nextId = 1;
  private closed = false;
  private loaded: Promise<CorpusStats> | null = null;

  constructor(private readonly options: EmbeddedEngineOptions) {
    this.worker = this.spawn();
  }

  /** Starts the corpus load in the worker (idempotent); completions before it finishes use room files only. */
  load(): Promise<CorpusStats> {
    if (!this.loaded) {
      this.loaded = this.call({ kind: 'load' });
      // Shutting down before the corpus is read is normal: only a caller that awaits it should hear of it.
      this.loaded.catch(() => undefined);
    }
    return this.loaded;
  }

  async complete(input: EmbeddedInput, signal?: AbortSignal): Promise<string> {
    return (await this.call({ kind: 'complete', input }, signal)).text;
  }

  /** The completion with the time it took inside the worker (for the benchmark). */
  completeTimed(input: EmbeddedInput, signal?: AbortSignal): Promise<EngineReplies['complete']> {
    return this.call({ kind: 'complete', input }, signal);
  }

  stats(): Promise<EngineReplies['stats']> {
    return this.call({ kind: 'stats' });
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
    this.failPending(new Error('the embedded engine was shut down'));
    await this.worker.terminate();
  }

  private call<K extends EngineRequest['kind']>(request: Extract<EngineRequest, { kind: K }>, signal?: AbortSignal): Promise<EngineReplies[K]> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const id = this.nextId++;
    return new Promise<EngineReplies[K]>((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(id);
        this.post({ type: 'cancel', id });
        reject(signal!.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as EngineReplies[K]);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      this.post({ type: 'request', id, request });
    });
  }

  private post(message: ToEngine): void {
    if (!this.closed) this.worker.postMessage(message);
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./engine-worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./engine-worker.ts', import.meta.url).href, options: this.options },
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
      this.failPending(new Error('the embedded engine stopped and is restarting'));
      this.worker = this.spawn();
      const hadLoaded = this.loaded !== null;
      this.loaded = null;
      if (hadLoaded) void this.load().catch(() => undefined);
      for (const resync of this.resyncs.values()) resync();
    });
    return worker;
  }

  private failPending(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
