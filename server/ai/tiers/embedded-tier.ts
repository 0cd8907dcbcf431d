/**
 * The embedded engine behind the tier interface. It serves completions only: edits and chat need a model
 * that follows instructions, so they fail with TIER_UNSUPPORTED and a message saying which setting to set.
 * The engine runs in its own thread (EngineThread) on the server; tests may hand it the engine itself.
 */
import type { EmbeddedInput } from '../embedded/embedded-engine';
import { TierError, type ModelTier, type TierRequest } from './model-tier';

export interface EmbeddedCompleter {
  complete(input: EmbeddedInput, signal?: AbortSignal): string | Promise<string>;
}

export class EmbeddedTier implements ModelTier {
  readonly name = 'embedded' as const;
  readonly label = 'embedded engine';

  constructor(readonly engine: EmbeddedCompleter) {}

  async *stream(request: TierRequest, signal: AbortSignal): AsyncGenerator<string> {
    signal.throwIfAborted();
    if (request.kind !== 'complete') {
      throw new TierError(
        'TIER_UNSUPPORTED',
        'embedded',
        `The embedded engine only completes code; ${request.kind === 'edit' ? 'edits' : 'chat'} need a model. ` +
          'Set SPARKPAD_FAST_URL (and SPARKPAD_DEEP_URL) to an OpenAI-compatible endpoint.',
      );
    }
    const text = await this.engine.complete(
      {
        room: request.room,
        path: request.path,
        prefix: request.prefix,
        suffix: request.suffix,
        multiline: request.multiline,
        maxTokens: request.maxTokens,
      },
      signal,
    );
    signal.throwIfAborted();
    if (text) yield text;
  }
}
