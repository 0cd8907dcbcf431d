/**
 * Which tiers serve a request, in order. Defaults: complete -> fast, edit -> fast, chat -> deep. A person
 * can pin fast or deep; `auto` keeps the defaults except that it sends a large edit to deep.
 * Then the other remote tier, then (for completions only) the embedded engine, skipping tiers cooling down.
 */
import type { Pin, TierName } from '../../../lib/shared/protocol/ai';
import type { ModelTier, TierErrorInfo } from '../tiers/model-tier';

export type RequestKind = 'complete' | 'edit' | 'chat';

/**
 * The auto escalation rule: an edit goes to the deep tier when the text to rewrite is longer than 30 lines
 * or 1,500 characters. Beyond that a fast model's rewrite tends to drift, and the person waits anyway.
 */
export const EDIT_ESCALATION = { lines: 30, chars: 1500 } as const;

export function isLargeEdit(region: string): boolean {
  return region.length > EDIT_ESCALATION.chars || region.split('\n').length > EDIT_ESCALATION.lines;
}

export function preferredSlot(kind: RequestKind, pin: Pin, region = ''): 'fast' | 'deep' {
  if (pin !== 'auto') return pin;
  if (kind === 'chat') return 'deep';
  if (kind === 'edit' && isLargeEdit(region)) return 'deep';
  return 'fast';
}

/** The configured tiers. With no remote URL, `fast` and `deep` are the embedded tier itself. */
export interface TierSet {
  fast: ModelTier;
  deep: ModelTier;
  embedded: ModelTier;
}

/**
 * A tier that says it cannot serve a kind of request (the embedded engine asked to follow an instruction)
 * has not failed: it answers the next completion as well as ever, so resting it would only turn ghost text off.
 */
const NOT_A_FAILURE: ReadonlySet<TierErrorInfo['code']> = new Set(['TIER_UNSUPPORTED', 'TIER_COOLING_DOWN']);

/**
 * Counts consecutive real failures per tier (network, HTTP, malformed, timeout); after
 * `failuresBeforeCooldown` the tier rests for `cooldownMs`.
 */
export class TierHealth {
  private readonly state = new Map<TierName, { failures: number; until: number; last: TierErrorInfo | null }>();

  constructor(
    private readonly failuresBeforeCooldown: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  failure(error: TierErrorInfo): void {
    if (NOT_A_FAILURE.has(error.code)) return;
    const s = this.state.get(error.tier) ?? { failures: 0, until: 0, last: null };
    s.failures++;
    s.last = error;
    if (s.failures >= this.failuresBeforeCooldown) s.until = this.now() + this.cooldownMs;
    this.state.set(error.tier, s);
  }

  success(tier: TierName): void {
    this.state.delete(tier);
  }

  /** Why the tier is resting, or null when it may be used. */
  coolingDown(tier: TierName): TierErrorInfo | null {
    const s = this.state.get(tier);
    if (!s || s.until === 0) return null;
    if (this.now() >= s.until) {
      // One trial request after the rest; another failure starts a new cooldown at once.
      s.until = 0;
      s.failures = this.failuresBeforeCooldown - 1;
      return null;
    }
    const seconds = Math.ceil((s.until - this.now()) / 1000);
    return {
      code: 'TIER_COOLING_DOWN',
      tier,
      message: `The ${tier} tier failed ${s.failures} times in a row and rests for ${seconds} s. Last error: ${s.last?.message ?? 'unknown'}`,
    };
  }
}

export interface TierPlan {
  chain: ModelTier[];
  /** Tiers skipped because they are cooling down, to tell the person. */
  skipped: TierErrorInfo[];
}

export function planTiers(tiers: TierSet, health: TierHealth, kind: RequestKind, pin: Pin, region = ''): TierPlan {
  const first = preferredSlot(kind, pin, region);
  const ordered = [tiers[first], tiers[first === 'fast' ? 'deep' : 'fast']];
  if (kind === 'complete') ordered.push(tiers.embedded);
  const chain: ModelTier[] = [];
  const skipped: TierErrorInfo[] = [];
  for (const tier of ordered) {
    if (chain.includes(tier)) continue;
    // The embedded engine cannot follow instructions; it stays in an edit/chat chain only when it is all
    // there is, so the person gets its clear "set SPARKPAD_FAST_URL" message instead of nothing.
    if (kind !== 'complete' && tier.name === 'embedded' && ordered.some((t) => t.name !== 'embedded')) continue;
    const resting = health.coolingDown(tier.name);
    if (resting) skipped.push(resting);
    else chain.push(tier);
  }
  return { chain, skipped };
}
