/**
 * The embedded engine's completions with the language service beside them. Where the text before the
 * cursor is one the service can judge (a member after `.`, an identifier, a call's first argument) both
 * are asked at once and combined (combine.ts); elsewhere the n-gram answer goes straight out. The service
 * has a deadline per completion: past it, or while it still builds its first program, the n-gram answer is
 * used as it is, so a slow service never holds ghost text back for longer than the deadline. A name only
 * the service proposed is continued by the n-grams from after it (`foo.ba|` -> `bar(x);`).
 */
import type { EmbeddedInput } from '../embedded/embedded-engine';
import type { EmbeddedCompleter } from '../tiers/embedded-tier';
import { combine } from './combine';
import { cursorContext, isScriptPath } from './cursor-context';
import type { SemanticInput } from './semantic-engine';
import type { SemanticView } from './semantic-view';

export interface SemanticSource {
  view(input: SemanticInput, signal?: AbortSignal): Promise<{ view: SemanticView }>;
}

export class SemanticCompleter implements EmbeddedCompleter {
  constructor(
    private readonly ngrams: EmbeddedCompleter,
    private readonly semantic: SemanticSource,
    private readonly deadlineMs: number,
  ) {}

  async complete(input: EmbeddedInput, signal?: AbortSignal): Promise<string> {
    if (!isScriptPath(input.path) || cursorContext(input.prefix.slice(-256)).kind === 'none') return this.ngrams.complete(input, signal);
    const deadline = AbortSignal.timeout(this.deadlineMs);
    const { room, path, prefix, suffix } = input;
    const view = this.semantic
      .view({ room, path, prefix, suffix }, signal ? AbortSignal.any([signal, deadline]) : deadline)
      .then((reply) => reply.view)
      // Past the deadline, or the service failed: the n-gram answer stands alone, as before.
      .catch(() => null);
    const [ngram, semantic] = await Promise.all([this.ngrams.complete(input, signal), view]);
    if (!semantic) return ngram;
    const combined = combine(semantic, ngram);
    // The service named what comes next where the n-grams did not: they carry on from after the name.
    if (combined === ngram || !/^[\w$]+$/.test(combined)) return combined;
    const rest = await this.ngrams.complete({ ...input, prefix: input.prefix + combined }, signal);
    return combined + rest;
  }
}
