/**
 * A worker thread that mirrors rooms' files and answers requests: room files are mirrored into it as text
 * deltas (see engine-feed.ts); a request is one message out and one back, abandoned at once when its
 * AbortSignal fires. The n-gram engine and the language service each run in one.
 *
 * The thread exists only while it is used: it starts on the first request, and with `idleMs` set it is let
 * go once no request came for that long (each holds tens of MB, the language service's far more). A room
 * attached while there is no thread is only registered; whenever a thread starts (first use, after an idle
 * stop, after a crash) every attached room sends its files to it whole, so deltas sent to no thread are
 * never missed. If the thread dies, pending requests fail and the next request starts a new one.
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

export interface WorkerLifetime {
  /** A thread with no request for this long is stopped (the next request starts another); unset keeps it. */
  idleMs?: number;
}

/**
 * A worker's entry file beside the module that names it (`from` is that module's `import.meta.url`): the
 * TypeScript source when the server runs under tsx, the bundled `<name>.mjs` when it runs from its bundle
 * (`npm start`, scripts/build-server.ts), where every module is a file in dist/.
 */
export function workerEntry(name: string, from: string): URL {
  return new URL(from.endsWith('.ts') ? `./${name}.ts` : `./${name}.mjs`, from);
}

/** `Request` is a union keyed by `kind`; `Replies` maps each kind to its answer. */
export class WorkerChannel<Request extends { kind: string }, Replies extends Record<Request['kind'], unknown>> implements WorkspaceMirrors {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly resyncs = new Map<string, () => void>();
  private nextId = 1;
  private closed = false;
  private lastRequestAt = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly entry: URL,
    private readonly workerData: unknown,
    private readonly lifetime: WorkerLifetime = {},
  ) {}

  /** Whether a worker thread exists now. */
  get running(): boolean {
    return this.worker !== null;
  }

  /**
   * Registers a room. `resync` must send every file of the room with `set`: it runs now if a thread is
   * running, and whenever one starts.
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
    if (this.worker) resync(mirror);
    return mirror;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failPending(new Error('the worker was shut down'));
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** A new thread started and every attached room was sent to it: what it must do before answering. */
  protected onStart(): void {}

  /** Starts the thread if none is running (a request does this by itself). */
  protected start(): void {
    if (this.worker || this.closed) return;
    this.worker = this.spawn();
    for (const resync of this.resyncs.values()) resync();
    this.onStart();
  }

  protected call<K extends Request['kind']>(request: Extract<Request, { kind: K }>, signal?: AbortSignal): Promise<Replies[K]> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.closed) return Promise.reject(new Error('the worker was shut down'));
    this.start();
    this.noteRequest();
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
    this.worker?.postMessage(message);
  }

  /** One timer per channel, not one per request: it looks at the last request's time when it fires. */
  private noteRequest(): void {
    const { idleMs } = this.lifetime;
    if (idleMs === undefined) return;
    this.lastRequestAt = Date.now();
    this.idleTimer ??= this.idleCheckIn(idleMs);
  }

  private idleCheckIn(ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.checkIdle(), ms);
    timer.unref();
    return timer;
  }

  private checkIdle(): void {
    this.idleTimer = null;
    const idleMs = this.lifetime.idleMs!;
    if (!this.worker) return;
    const quietFor = Date.now() - this.lastRequestAt;
    // A request still running (a corpus load, a first program) keeps the thread, however long it takes.
    if (this.pending.size > 0 || quietFor < idleMs) {
      this.idleTimer = this.idleCheckIn(this.pending.size > 0 ? idleMs : idleMs - quietFor);
      return;
    }
    const worker = this.worker;
    this.worker = null;
    void worker.terminate();
  }

  private spawn(): Worker {
    // A TypeScript entry needs tsx's loader registered in the thread first; a bundled one runs as it is.
    const boot = this.entry.pathname.endsWith('.ts') ? new URL('./engine-worker-boot.mjs', import.meta.url) : this.entry;
    const worker = new Worker(boot, {
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
      // A thread let go for idleness or at shutdown was already replaced by null.
      if (this.worker !== worker) return;
      this.worker = null;
      this.failPending(new Error('the worker stopped; the next request starts a new one'));
    });
    return worker;
  }

  private failPending(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
