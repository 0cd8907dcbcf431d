/**
 * The flight each person is reading per file (their current suggestion, or a prefetch), kept after it
 * finishes so the next keystroke can continue it (typed-through). Person and file are chosen by the
 * client, so the slots are an LRU with an idle limit: an evicted or idle slot gives up its hold on the
 * flight (cancelling it if nobody else reads it), and a person's slots go when they disconnect.
 */
import { LRUCache } from 'lru-cache';
import type { Flight } from './flight';

export interface FlightSlotLimits {
  /** Slots kept across everyone on the server. */
  maxSlots: number;
  /** A slot nobody touched for this long is dropped. */
  idleMs: number;
}

const SEPARATOR = '\u0000';

export function slotKey(userId: string, path: string): string {
  return `${userId}${SEPARATOR}${path}`;
}

export class FlightSlots {
  private readonly slots: LRUCache<string, Flight>;

  constructor(limits: FlightSlotLimits, reason: string) {
    this.slots = new LRUCache<string, Flight>({
      max: Math.max(1, limits.maxSlots),
      ttl: limits.idleMs,
      updateAgeOnGet: true,
      // Replacing or deleting a slot is done by the caller, which moves the hold itself.
      dispose: (flight, _key, why) => {
        if (why === 'evict' || why === 'expire') flight.release(reason);
      },
    });
  }

  get size(): number {
    return this.slots.size;
  }

  get(slot: string): Flight | undefined {
    return this.slots.get(slot);
  }

  set(slot: string, flight: Flight): void {
    this.slots.set(slot, flight);
  }

  /** Removes the slot without releasing its flight; returns what it held. */
  take(slot: string): Flight | undefined {
    const flight = this.slots.get(slot);
    if (flight) this.slots.delete(slot);
    return flight;
  }

  /** Drops every slot of a person, releasing each flight. */
  forgetUser(userId: string, reason: string): void {
    const prefix = `${userId}${SEPARATOR}`;
    for (const key of [...this.slots.keys()]) {
      if (!key.startsWith(prefix)) continue;
      this.take(key)?.release(reason);
    }
  }
}
