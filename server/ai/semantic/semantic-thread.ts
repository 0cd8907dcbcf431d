/**
 * The main thread's handle on the language service's worker: what the service knows at a cursor, and the
 * code actions of a selection. The thread starts on the first question and builds the library program
 * first, so a server where nobody asks never holds the TypeScript module at all; until the program is
 * built, completions go out without the service (its deadline passes).
 */
import type { CodeActionOffer } from '../../../lib/shared/protocol/ai';
import { WorkerChannel, workerEntry, type WorkerLifetime } from '../embedded/worker-channel';
import type { LineReplacement } from './code-actions';
import type { ChangeInput, FollowUpEdit } from './follow-ups';
import type { ActionInput, SemanticInput } from './semantic-engine';
import type { SemanticReplies, SemanticRequest } from './semantic-messages';

/** What Spark needs to offer and carry out language-service actions. */
export interface CodeActions {
  actions(input: ActionInput, signal?: AbortSignal): Promise<CodeActionOffer[]>;
  action(input: ActionInput & { id: string }, signal?: AbortSignal): Promise<LineReplacement | null>;
  /** The edits elsewhere a person's change makes necessary (renamed references, call sites). */
  followUps(input: ChangeInput, signal?: AbortSignal): Promise<FollowUpEdit[]>;
}

export class SemanticThread extends WorkerChannel<SemanticRequest, SemanticReplies> implements CodeActions {
  private warming: Promise<SemanticReplies['warm']> | null = null;

  constructor(lifetime?: WorkerLifetime) {
    super(workerEntry('semantic-worker', import.meta.url), null, lifetime);
  }

  /** Resolves when the running thread has parsed and checked the standard library; starts it if needed. */
  warm(): Promise<SemanticReplies['warm']> {
    this.start();
    return this.warming ?? Promise.reject(new Error('the worker was shut down'));
  }

  view(input: SemanticInput, signal?: AbortSignal): Promise<SemanticReplies['view']> {
    return this.call({ kind: 'view', input }, signal);
  }

  /** No answer is wanted: the thread only gets ready for a question at this cursor (SemanticEngine.anticipate). */
  anticipate(input: SemanticInput): void {
    this.call({ kind: 'anticipate', input }).catch(() => undefined);
  }

  actions(input: ActionInput, signal?: AbortSignal): Promise<CodeActionOffer[]> {
    return this.call({ kind: 'actions', input }, signal);
  }

  action(input: ActionInput & { id: string }, signal?: AbortSignal): Promise<LineReplacement | null> {
    return this.call({ kind: 'action', input }, signal);
  }

  followUps(input: ChangeInput, signal?: AbortSignal): Promise<FollowUpEdit[]> {
    return this.call({ kind: 'follow-ups', input }, signal);
  }

  protected override onStart(): void {
    this.warming = this.call({ kind: 'warm' });
    // Shutting down while it warms is normal: only a caller that awaits it should hear of it.
    this.warming.catch(() => undefined);
  }
}
