/**
 * The main thread's handle on the language service's worker: what the service knows at a cursor, and the
 * code actions of a selection. The library program is built in the background when the first room is
 * attached, so a server nobody uses never pays for it and the first person to type rarely does.
 */
import type { CodeActionOffer } from '../../../lib/shared/protocol/ai';
import { WorkerChannel, type RoomMirror } from '../embedded/worker-channel';
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

  constructor() {
    super(new URL('./semantic-worker.ts', import.meta.url), null);
  }

  /** Resolves when the standard library is parsed and checked once. */
  warm(): Promise<SemanticReplies['warm']> {
    this.warming ??= this.warmUp();
    return this.warming;
  }

  override attach(room: string, resync: (mirror: RoomMirror) => void): RoomMirror {
    void this.warm();
    return super.attach(room, resync);
  }

  view(input: SemanticInput, signal?: AbortSignal): Promise<SemanticReplies['view']> {
    return this.call({ kind: 'view', input }, signal);
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

  protected override onRestart(): void {
    if (this.warming) this.warming = this.warmUp();
  }

  private warmUp(): Promise<SemanticReplies['warm']> {
    const warm = this.call({ kind: 'warm' });
    // Shutting down while it warms is normal: only a caller that awaits it should hear of it.
    warm.catch(() => undefined);
    return warm;
  }
}
