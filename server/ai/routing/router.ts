// server/ai/routing/: which tier serves a request and how: tier plan, rate limits, prompt budget,
// completions with cancellation, typed-through reuse, cache, prefetch and hedging. The router is the entry point.
/**
 * The model router: every AI request from a socket or the Spark peer comes through here. It picks the tier
 * (see routing/tier-plan.ts for the defaults and the auto rule), applies rate limits and the prompt budget,
 * and streams RouterEvents back. Completions get the latency machinery of routing/completions.ts; edits
 * and chat stream straight down the tier chain with fallback.
 */
import type { ConnectedModel, LatencyStats, Pin, PromptWindow, RouterError } from '../../../lib/shared/protocol/ai';
import { NO_METRICS, type AiMetrics } from '../metrics';
import { Completions, type CompleteInput } from './completions';
import { buildEditRequest, keepEnd, promptWindow, CHARS_PER_TOKEN } from './context';
import { modelConnected, noModelRefusal } from './no-model';
import { AiRateLimits } from './rate-limits';
import type { BlockEditInput, ChatInput, RoutedEditInput, RouterDeps } from './router-contract';
import type { RouterEvent } from './router-events';
import { streamChain } from './tier-chain';
import { planTiers, TierHealth, type RequestKind, type TierSet } from './tier-plan';
import type { WorkspaceMirrors } from '../embedded/engine-thread';
import type { CodeActions } from '../semantic/semantic-thread';
import type { TierRequest } from '../tiers/model-tier';
import { buildBlockPrompt } from '../spark/blocks/block-prompt';

export type { CompleteInput } from './completions';
export type { RouterEvent } from './router-events';
export type { RequestKind, TierSet } from './tier-plan';
export type { BlockEditInput, ChatInput, RoutedEditInput, RouterDeps, RouterSettings } from './router-contract';

export class AiRouter {
  readonly health: TierHealth;
  private readonly limits: AiRateLimits;
  private readonly completions: Completions;
  private readonly metrics: AiMetrics;

  /** Completion flights kept for typed-through and prefetch, across everyone. */
  get retainedFlights(): number {
    return this.completions.retainedFlights;
  }

  /** A person disconnected: drop what the router keeps for them. */
  forgetUser(userId: string): void {
    this.completions.forgetUser(userId);
  }

  /** The Spark edit diff budget, for the writer that applies an edit's stream to the document. */
  get editDiffBudgetMs(): number | undefined {
    return this.deps.settings.editDiffBudgetMs;
  }

  /** The bounds of a search/replace answer (server/ai/spark/blocks/block-parser.ts). */
  get editBlockLimits(): { maxBlocks: number; maxBlockChars: number } {
    return { maxBlocks: this.deps.settings.maxEditBlocks ?? 32, maxBlockChars: this.deps.settings.maxEditBlockChars ?? 100_000 };
  }

  /** The next-edit settings, for each room's board and the reports of changes. */
  get nextEdit(): { maxFollowUpsPerRoom: number; catchUpMs: number } {
    const s = this.deps.settings;
    return { maxFollowUpsPerRoom: s.maxFollowUpsPerRoom ?? 50, catchUpMs: s.followUpCatchUpMs ?? 2000 };
  }

  constructor(private readonly deps: RouterDeps) {
    const s = deps.settings;
    this.metrics = deps.metrics ?? NO_METRICS;
    this.health = new TierHealth(s.failuresBeforeCooldown, s.cooldownMs, deps.now);
    this.limits = new AiRateLimits(s.userRequestsPerSecond, s.userRequestsPerMinute, s.roomRequestsPerMinute);
    this.completions = new Completions(deps.tiers, this.health, s, this.metrics);
  }

  get tiers(): TierSet {
    return this.deps.tiers;
  }

  /** What a completion request needs to carry around the cursor under this router's prompt budget. */
  get promptWindow(): PromptWindow {
    return promptWindow(this.deps.settings.promptBudgetTokens);
  }

  get model(): ConnectedModel {
    return this.deps.model ?? { source: modelConnected(this.deps.tiers) ? 'settings' : 'none', label: this.deps.tiers.deep.label };
  }

  /** Why an instruction or a chat question cannot be served at all (no model), before anything is written. */
  refusalWithoutModel(): RouterError | null {
    return noModelRefusal(this.deps.tiers);
  }

  get workspaces(): WorkspaceMirrors | null {
    return this.deps.workspaces ?? null;
  }

  get codeActions(): CodeActions | null {
    return this.deps.codeActions ?? null;
  }

  /** Spends one request of the person's and the room's rate budget on work that asks no tier (language-service actions). */
  admit(userId: string, roomId: string): Promise<RouterError | null> {
    return this.limits.take(userId, roomId);
  }

  /** An inline suggestion at the cursor. A newer call for the same person and file replaces this one. */
  async *complete(input: CompleteInput, signal: AbortSignal): AsyncGenerator<RouterEvent> {
    const arrivedAt = performance.now();
    this.metrics.request('complete');
    const limited = await this.limits.take(input.userId, input.roomId);
    if (limited) return void (yield { type: 'error', error: limited });
    yield* this.completions.serve(input, signal, arrivedAt);
  }

  /** The replacement text for `input.region`, streamed as the model writes it. */
  async *edit(input: RoutedEditInput, signal: AbortSignal): AsyncGenerator<RouterEvent> {
    const s = this.deps.settings;
    const request = buildEditRequest(input, input.workspace ?? null, s.editBudgetTokens, s.maxEditTokens);
    yield* this.streamKind('edit', input, request, input.region, signal);
  }

  /**
   * A workspace-level instruction, answered in search/replace blocks (server/ai/spark/blocks/) over the
   * files the prompt shows; the answer streams as the model writes it, for the block parser to read.
   */
  async *editBlocks(input: BlockEditInput, signal: AbortSignal): AsyncGenerator<RouterEvent> {
    const s = this.deps.settings;
    const prompt = buildBlockPrompt({ ...input, budgetChars: s.editBudgetTokens * CHARS_PER_TOKEN });
    const request: TierRequest = { kind: 'chat', messages: [{ role: 'user', content: prompt }], maxTokens: s.maxEditTokens };
    // The prompt stands for the region: a large workspace edit goes to the deep tier, as a large rewrite does.
    yield* this.streamKind('edit', input, request, prompt, signal);
  }

  async *chat(input: ChatInput, signal: AbortSignal): AsyncGenerator<RouterEvent> {
    const budget = this.deps.settings.editBudgetTokens * CHARS_PER_TOKEN;
    // Oldest messages give way first when the conversation outgrows the budget.
    const messages = [...input.messages];
    while (messages.length > 1 && messages.reduce((n, m) => n + m.content.length, 0) > budget) messages.shift();
    const trimmed = messages.map((m) => ({ ...m, content: keepEnd(m.content, budget) }));
    const request: TierRequest = { kind: 'chat', messages: trimmed, maxTokens: this.deps.settings.maxEditTokens };
    yield* this.streamKind('chat', input, request, '', signal);
  }

  /**
   * Events that cost no model time (text Spark already has, typed out) still spend the asker's request
   * budget: Spark's writes are held to the same rate as any other request of that person.
   */
  async *spend(input: { userId: string; roomId: string }, events: AsyncIterable<RouterEvent>): AsyncGenerator<RouterEvent> {
    const limited = await this.limits.take(input.userId, input.roomId);
    if (limited) return void (yield { type: 'error', error: limited });
    yield* events;
  }

  private async *streamKind(
    kind: RequestKind,
    input: { userId: string; roomId: string; pin: Pin },
    request: TierRequest,
    region: string,
    signal: AbortSignal,
  ): AsyncGenerator<RouterEvent> {
    const arrivedAt = performance.now();
    const refused = this.refusalWithoutModel();
    if (refused) return void (yield { type: 'error', error: refused });
    this.metrics.request(kind);
    const limited = await this.limits.take(input.userId, input.roomId);
    if (limited) return void (yield { type: 'error', error: limited });
    const plan = planTiers(this.deps.tiers, this.health, kind, input.pin, region);
    let firstTokenMs: number | null = null;
    let firstAt = 0;
    let lastAt = 0;
    let chunks = 0;
    let chars = 0;
    let tier: LatencyStats['tier'] = null;
    try {
      for await (const event of streamChain(plan, request, {
        health: this.health,
        hedgeWith: null,
        firstTokenDeadlineMs: () => 0,
        signal,
        onTierError: (error) => this.metrics.tierError(error),
      })) {
        if (event.type === 'notice') yield event;
        else if (event.type === 'failed') return void (yield { type: 'error', error: event.error });
        else {
          const now = performance.now();
          if (firstTokenMs === null) {
            firstTokenMs = now - arrivedAt;
            firstAt = now;
          }
          lastAt = now;
          chunks++;
          chars += event.text.length;
          tier = event.tier;
          yield { type: 'chunk', text: event.text };
        }
      }
    } catch (error) {
      if (!signal.aborted) throw error;
      this.metrics.cancelled(kind);
      return void (yield { type: 'cancelled', reason: 'cancelled' });
    }
    const seconds = (lastAt - firstAt) / 1000;
    const stats: LatencyStats = {
      tier,
      source: 'model',
      firstTokenMs,
      tokensPerSecond: chunks > 1 && seconds > 0 ? Math.round((chunks - 1) / seconds) : null,
      chars,
    };
    this.metrics.served(kind, stats);
    yield { type: 'done', stats };
  }
}
