/**
 * The main thread's handle on the embedded n-gram engine's worker (a WorkerChannel): the corpus load, a
 * completion, stats. After a restart the corpus is loaded again if it had been.
 */
import type { CorpusStats, EmbeddedEngineOptions, EmbeddedInput } from './embedded-engine';
import type { EngineReplies, EngineRequest } from './engine-messages';
import { WorkerChannel } from './worker-channel';

export type { RoomMirror, WorkspaceMirrors } from './worker-channel';

export class EngineThread extends WorkerChannel<EngineRequest, EngineReplies> {
  private loaded: Promise<CorpusStats> | null = null;

  constructor(options: EmbeddedEngineOptions) {
    super(new URL('./engine-worker.ts', import.meta.url), options);
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

  protected override onRestart(): void {
    const hadLoaded = this.loaded !== null;
    this.loaded = null;
    if (hadLoaded) void this.load().catch(() => undefined);
  }
}
