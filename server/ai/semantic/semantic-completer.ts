/**
 * The embedded engine's completions with the language service beside them. Where the text before the
 * cursor is one the service can judge (a member after `.`, an identifier, a call's first argument) both
 * are asked at once and combined (combine.ts); elsewhere the n-gram answer goes straight out, and where
 * the next key may begin a name the service then makes that name's list before it is typed. The service
 * has a deadline per completion: past it, or while it still builds its first program, the n-gram answer is
 * used as it is, so a slow service never holds ghost text back for longer than the deadline. A name only
 * the service proposed is continued by the n-grams from after it (`foo.ba|` -> `bar(x);`).
 */
import type { EmbeddedInput } from '../embedded/embedded-engine';
import type { EmbeddedCompleter } from '../tiers/embedded-tier';
import { combine } from './combine';
import { cursorContext, isScriptPath, nameMayStart } from './cursor-context';
import type { SemanticInput } from './semantic-engine';
import type { SemanticView } from './semantic-view';

export interface SemanticSource {
  view(input: SemanticInput, signal?: AbortSignal): Promise<{ view: SemanticView }>;
  /** Gets ready for a question at this cursor, where the next key may begin a name; no answer is wanted. */
  anticipate?(input: SemanticInput): void;
}

/** The cursor kind is decided by the last characters before it. */
const CONTEXT_CHARS = 256;

export class SemanticCompleter implements EmbeddedCompleter {
  constructor(
    private readonly ngrams: EmbeddedCompleter,
    private readonly semantic: SemanticSource,
    private readonly deadlineMs: number,
  ) {}

  async complete(input: EmbeddedInput, signal?: AbortSignal): Promise<string> {
    if (!isScriptPath(input.path)) return this.ngrams.complete(input, signal);
    const before = input.prefix.slice(-CONTEXT_CHARS);
    if (cursorContext(before).kind === 'none') {
      const ngram = await this.ngrams.complete(input, signal);
      this.anticipate(input, before, signal);
      return ngram;
    }
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

  /**
   * Where the next key may begin a name, the service works out the names allowed there while the person
   * has not typed it yet (SemanticEngine.anticipate): that key's question is then answered from it at
   * once instead of waiting on a full list, the slowest the service gives. In the next turn of the event
   * loop, once this answer has gone out.
   */
  private anticipate(input: EmbeddedInput, before: string, signal?: AbortSignal): void {
    const anticipate = this.semantic.anticipate?.bind(this.semantic);
    if (!anticipate || !nameMayStart(before)) return;
    const { room, path, prefix, suffix } = input;
    setImmediate(() => signal?.aborted || anticipate({ room, path, prefix, suffix }));
  }
}
