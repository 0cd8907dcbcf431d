/**
 * The main thread's handle on the embedded n-gram engine's worker (a WorkerChannel): the corpus load, a
 * completion, stats. The thread starts on the first request and reads the corpus in the background each
 * time it starts; completions before it is read use room files only.
 */
import type { CorpusStats, EmbeddedEngineOptions, EmbeddedInput } from './embedded-engine';
import type { EngineReplies, EngineRequest } from './engine-messages';
import { WorkerChannel, workerEntry, type WorkerLifetime } from './worker-channel';

export type { RoomMirror, WorkspaceMirrors } from './worker-channel';

export class EngineThread extends WorkerChannel<EngineRequest, EngineReplies> {
  private loaded: Promise<CorpusStats> | null = null;

  constructor(options: EmbeddedEngineOptions, lifetime?: WorkerLifetime) {
    super(workerEntry('engine-worker', import.meta.url), options, lifetime);
  }

  /** Resolves when the running thread has read the corpus; starts the thread if none is running. */
  load(): Promise<CorpusStats> {
    this.start();
    return this.loaded ?? Promise.reject(new Error('the worker was shut down'));
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

  protected override onStart(): void {
    this.loaded = this.call({ kind: 'load' });
    // Shutting down before the corpus is read is normal: only a caller that awaits it should hear of it.
    this.loaded.catch(() => undefined);
  }
}
