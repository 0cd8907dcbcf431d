/**
 * Inline completions with latency discipline. Per person and file there is one current request: a newer one
 * cancels the older end to end, unless it continues it (typed-through: the person typed what the suggestion
 * predicted, so the rest is served from the same stream with no new upstream request). Finished answers go
 * into an LRU cache keyed on the text around the cursor, and the next suggestion is prefetched as if this
 * one were accepted, so Tab lands on a cache hit.
 */
import { LRUCache } from 'lru-cache';
import type { CompletionSource, LatencyStats, Pin, TierName } from '../../../lib/shared/protocol/ai';
import type { AiMetrics } from '../metrics';
import type { CompleteRequest, ModelTier } from '../tiers/model-tier';
import { buildCompleteRequest, type CursorInput, type WorkspaceView } from './context';
import { copyString, Flight } from './flight';
import { FlightSlots, slotKey } from './flight-slots';
import { CompletionFilter } from './postprocess';
import type { RouterEvent } from './router-events';
import { streamChain } from './tier-chain';
import { planTiers, type TierHealth, type TierSet } from './tier-plan';

export interface CompleteInput extends CursorInput {
  userId: string;
  roomId: string;
  pin: Pin;
  workspace?: WorkspaceView | null;
}

export interface CompletionSettings {
  promptBudgetTokens: number;
  maxCompletionTokens: number;
  cacheEntries: number;
  prefetch: boolean;
  /** Running flights per person (the current suggestion and one prefetch). */
  maxInFlightPerUser: number;
  /** Per-person-and-file flights kept for typed-through, across the server (LRU). */
  flightSlots: number;
  /** A kept flight nobody continued for this long is dropped. */
  flightIdleMs: number;
  firstTokenDeadlineMs: Record<TierName, number>;
}

/** The text around the cursor that decides a completion, and the route it would take. */
function cacheKey(roomId: string, request: CompleteRequest, pin: Pin): string {
  // The room is part of the key: an answer may draw on that room's other files. A copy: the key is kept.
  return copyString([roomId, pin, request.path, request.prefix.slice(-400), request.suffix.slice(0, 200)].join('\u0000'));
}

interface CachedCompletion {
  text: string;
  tier: TierName | null;
}

export class Completions {
  private readonly cache: LRUCache<string, CachedCompletion>;
  /** Last flight served per person+file, kept after it finishes for typed-through. */
  private readonly current: FlightSlots;
  private readonly prefetched: FlightSlots;
  /** Readers per person+file, so a newer request can end the older one. */
  private readonly readers = new Map<string, AbortController>();
  private readonly byKey = new Map<string, Flight>();
  private readonly running = new Map<string, Set<Flight>>();

  constructor(
    private readonly tiers: TierSet,
    private readonly health: TierHealth,
    private readonly settings: CompletionSettings,
    private readonly metrics: AiMetrics,
  ) {
    this.cache = new LRUCache({ max: Math.max(1, settings.cacheEntries) });
    const limits = { maxSlots: settings.flightSlots, idleMs: settings.flightIdleMs };
    this.current = new FlightSlots(limits, 'evicted');
    this.prefetched = new FlightSlots(limits, 'prefetch evicted');
  }

  /** Flights kept for typed-through and prefetch, across everyone. */
  get retainedFlights(): number {
    return this.current.size + this.prefetched.size;
  }

  /** A person left: their kept flights and running readers go now, not when they age out. */
  forgetUser(userId: string): void {
    this.current.forgetUser(userId, 'disconnected');
    this.prefetched.forgetUser(userId, 'disconnected');
  }

  async *serve(input: CompleteInput, signal: AbortSignal, arrivedAt = performance.now()): AsyncGenerator<RouterEvent> {
    const slot = slotKey(input.userId, input.path);
    const reader = new AbortController();
    const readerSignal = AbortSignal.any([signal, reader.signal]);
    this.readers.get(slot)?.abort(new Error('superseded'));
    this.readers.set(slot, reader);

    const request = this.request(input);
    const key = cacheKey(input.roomId, request, input.pin);
    let { flight, offset, source } = this.reusable(slot, request);
    if (!flight) {
      const cached = this.cache.get(key);
      if (cached) {
        this.dropPrefetch(slot, null);
        this.replaceCurrent(slot, null);
        if (cached.text) yield { type: 'chunk', text: cached.text };
        yield { type: 'done', stats: { tier: cached.tier, source: 'cache', firstTokenMs: performance.now() - arrivedAt, tokensPerSecond: null, chars: cached.text.length } };
        this.prefetchAfter(input, cached.text);
        return;
      }
      flight = this.byKey.get(key);
      source = flight?.isPrefetch ? 'prefetch' : 'model';
      offset = 0;
      flight ??= this.start(input, request, key, false);
    }
    flight.hold();
    this.dropPrefetch(slot, flight);
    this.replaceCurrent(slot, flight);

    let firstTokenMs: number | null = null;
    let chars = 0;
    try {
      for await (const event of flight.read(offset, readerSignal)) {
        if (event.type === 'chunk') {
          firstTokenMs ??= performance.now() - arrivedAt;
          chars += event.text.length;
        }
        yield event;
      }
      if (flight.status !== 'done') return;
      const stats: LatencyStats = { tier: flight.tier, source, firstTokenMs, tokensPerSecond: rate(flight), chars };
      this.metrics.served('complete', stats);
      yield { type: 'done', stats };
    } catch (error) {
      if (!readerSignal.aborted) throw error;
      this.metrics.cancelled('complete');
      yield { type: 'cancelled', reason: signal.aborted ? 'cancelled' : 'superseded' };
    } finally {
      if (this.readers.get(slot) === reader) this.readers.delete(slot);
      // A superseded reader leaves the flight to its successor, which may continue it (typed-through);
      // a cancelled one gives up the slot's hold, which cancels the flight if nobody else reads it.
      if (signal.aborted && this.current.get(slot) === flight) this.replaceCurrent(slot, null);
    }
  }

  /** The tier request; it names the room, whose files the embedded engine holds. */
  private request(input: CompleteInput): CompleteRequest {
    const request = buildCompleteRequest(input, input.workspace ?? null, this.settings.promptBudgetTokens, this.settings.maxCompletionTokens);
    return { ...request, room: input.roomId };
  }

  /** Each slot's current flight carries exactly one hold, moved or dropped here. */
  private replaceCurrent(slot: string, next: Flight | null): void {
    const previous = this.current.take(slot);
    if (next) this.current.set(slot, next);
    previous?.release('superseded');
  }

  /** The current or prefetched flight this request continues, if any. */
  private reusable(slot: string, request: CompleteRequest): { flight?: Flight; offset: number; source: CompletionSource } {
    for (const flight of [this.current.get(slot), this.prefetched.get(slot)]) {
      if (!flight) continue;
      const typed = flight.typedThrough(request.prefix, request.suffix);
      if (typed === null || (!flight.running && typed >= flight.text.length)) continue;
      return { flight, offset: typed, source: flight.isPrefetch && typed === 0 ? 'prefetch' : 'typed-through' };
    }
    return { offset: 0, source: 'model' };
  }

  private dropPrefetch(slot: string, keep: Flight | null): void {
    const prefetch = this.prefetched.take(slot);
    if (!prefetch) return;
    if (prefetch !== keep) prefetch.release('prefetch not used');
    else prefetch.release('prefetch taken over');
  }

  private start(input: CompleteInput, request: CompleteRequest, key: string, isPrefetch: boolean): Flight {
    const flight = new Flight(key, request.prefix, request.suffix, isPrefetch);
    this.byKey.set(key, flight);
    const mine = this.running.get(input.userId) ?? new Set<Flight>();
    this.running.set(input.userId, mine);
    // At most N running per person: the oldest is cancelled (it is the least likely to be shown).
    for (const old of mine) {
      if (mine.size < this.settings.maxInFlightPerUser) break;
      old.controller.abort(new Error('too many in flight'));
      mine.delete(old);
    }
    mine.add(flight);
    void this.run(flight, input, request).finally(() => {
      mine.delete(flight);
      if (mine.size === 0 && this.running.get(input.userId) === mine) this.running.delete(input.userId);
      if (this.byKey.get(key) === flight) this.byKey.delete(key);
    });
    return flight;
  }

  private async run(flight: Flight, input: CompleteInput, request: CompleteRequest): Promise<void> {
    const filter = new CompletionFilter(request.prefix, request.suffix, request.multiline);
    const plan = planTiers(this.tiers, this.health, 'complete', input.pin);
    const signal = flight.controller.signal;
    try {
      for await (const event of streamChain(plan, request, {
        health: this.health,
        hedgeWith: this.tiers.embedded,
        firstTokenDeadlineMs: (tier) => this.settings.firstTokenDeadlineMs[tier.name],
        signal,
        onTierError: (error) => this.metrics.tierError(error),
      })) {
        if (event.type === 'notice') flight.notice(event.error);
        else if (event.type === 'failed') return flight.finish('failed', event.error);
        else {
          const { text, stop } = filter.push(event.text);
          if (text) flight.append(text, event.tier);
          else flight.tier ??= event.tier;
          if (stop) break; // leaving the loop closes the upstream: the rest is not wanted
        }
      }
      const tail = filter.end();
      if (tail) flight.append(tail, flight.tier ?? 'embedded');
      flight.finish('done');
      this.cache.set(flight.key, { text: copyString(flight.text), tier: flight.tier });
      // Next turn of the event loop: the readers woken by this answer send it to the browser first.
      if (!flight.isPrefetch) setImmediate(() => this.prefetchAfter(input, flight.text));
    } catch (error) {
      // This runs detached from any request: it must never reject, or the process would see it unhandled.
      flight.finish('failed', signal.aborted ? null : { code: 'NO_TIER_AVAILABLE', message: `The completion failed: ${(error as Error).message}` });
    }
  }

  /** Starts the suggestion that would follow if `text` were accepted, so Tab then hits the cache. */
  private prefetchAfter(input: CompleteInput, text: string): void {
    if (!this.settings.prefetch || !text) return;
    const next: CompleteInput = { ...input, prefix: input.prefix + text };
    const nextRequest = this.request(next);
    const key = cacheKey(input.roomId, nextRequest, input.pin);
    if (this.cache.has(key) || this.byKey.has(key)) return;
    const slot = slotKey(input.userId, input.path);
    this.dropPrefetch(slot, null);
    const flight = this.start(next, nextRequest, key, true);
    flight.hold();
    this.prefetched.set(slot, flight);
  }
}

function rate(flight: Flight): number | null {
  if (flight.chunkCount < 2 || flight.firstChunkAt === null || flight.lastChunkAt === null) return null;
  const seconds = (flight.lastChunkAt - flight.firstChunkAt) / 1000;
  return seconds > 0 ? Math.round((flight.chunkCount - 1) / seconds) : null;
}
