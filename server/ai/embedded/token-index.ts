/**
 * An n-gram index over a token stream that answers "what followed these k tokens, and how often?".
 * Instead of count tables (large to build, larger to keep), each context order keeps a hash-chained list of
 * the positions it occurred at, newest first (the layout of a compressed suffix index, without sorting):
 * 4 bytes per token per order. A query walks at most `maxMatches` positions and counts what came next,
 * so it costs microseconds and a recent occurrence outweighs none.
 */
import { DOCUMENT_BREAK } from './tokens';

/** Context lengths indexed. Longer contexts copy exact repeats; shorter ones generalise. */
export const ORDERS = [1, 2, 3, 4, 6, 8] as const;
/** The longest verbatim repeat measured: past it, a longer one says little more. */
export const MAX_REPEAT = 64;

function hashContext(ids: ArrayLike<number>, end: number, order: number, mask: number): number {
  let h = 0x811c9dc5 ^ order;
  for (let i = end - order; i < end; i++) {
    h ^= ids[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & mask;
}

export class TokenIndex {
  private ids: Int32Array;
  private length = 0;
  private readonly heads: Int32Array[];
  private readonly chains: Int32Array[];
  private readonly mask: number;
  /** Position of the last document break, so contexts never reach into the previous document. */
  private documentStart = 0;

  constructor(capacity = 1024, tableBits = 16) {
    this.ids = new Int32Array(capacity);
    this.mask = (1 << tableBits) - 1;
    this.heads = ORDERS.map(() => new Int32Array(1 << tableBits).fill(-1));
    this.chains = ORDERS.map(() => new Int32Array(capacity));
  }

  get size(): number {
    return this.length;
  }

  tokenAt(position: number): number {
    return this.ids[position]!;
  }

  /** Appends one document's tokens. */
  add(tokens: ArrayLike<number>): void {
    this.reserve(this.length + tokens.length + 1);
    for (let t = 0; t < tokens.length; t++) {
      const position = this.length++;
      this.ids[position] = tokens[t]!;
      const available = position - this.documentStart;
      for (let o = 0; o < ORDERS.length; o++) {
        const order = ORDERS[o]!;
        if (available < order) break;
        const h = hashContext(this.ids, position, order, this.mask);
        this.chains[o]![position] = this.heads[o]![h]!;
        this.heads[o]![h] = position;
      }
    }
    this.ids[this.length++] = DOCUMENT_BREAK;
    this.documentStart = this.length;
  }

  /**
   * Adds to `counts` the tokens that followed `context`'s last `order` tokens, weighted by `weight`.
   * Returns how many occurrences were seen. With `repeats`, also records per next token the longest run
   * of tokens (up to MAX_REPEAT) an occurrence shares with the end of `context`: how long a verbatim
   * repeat it continues.
   */
  continuations(context: ArrayLike<number>, order: number, counts: Map<number, number>, weight = 1, maxMatches = 48, repeats?: Map<number, number>): number {
    const o = (ORDERS as readonly number[]).indexOf(order);
    if (o === -1 || context.length < order) return 0;
    for (let i = context.length - order; i < context.length; i++) if (context[i]! < 0) return 0;
    const h = hashContext(context, context.length, order, this.mask);
    let seen = 0;
    for (let p = this.heads[o]![h]!; p !== -1 && seen < maxMatches; p = this.chains[o]![p]!) {
      if (!this.matches(context, p, order)) continue; // hash collision
      const next = this.ids[p]!;
      seen++;
      counts.set(next, (counts.get(next) ?? 0) + weight);
      if (repeats) repeats.set(next, Math.max(repeats.get(next) ?? 0, this.repeatLength(context, p, order)));
    }
    return seen;
  }

  /** How many tokens before `position` equal the end of `context`, knowing the first `order` do. */
  private repeatLength(context: ArrayLike<number>, position: number, order: number): number {
    let k = order;
    while (k < MAX_REPEAT && k < context.length && position - k - 1 >= 0) {
      const id = this.ids[position - k - 1]!;
      if (id === DOCUMENT_BREAK || id !== context[context.length - k - 1]) break;
      k++;
    }
    return k;
  }

  private matches(context: ArrayLike<number>, position: number, order: number): boolean {
    for (let k = 1; k <= order; k++) {
      if (this.ids[position - k] !== context[context.length - k]) return false;
    }
    return true;
  }

  private reserve(capacity: number): void {
    if (capacity <= this.ids.length) return;
    const size = Math.max(capacity, this.ids.length * 2);
    const grow = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.ids = grow(this.ids);
    for (let o = 0; o < this.chains.length; o++) this.chains[o] = grow(this.chains[o]!);
  }
}
