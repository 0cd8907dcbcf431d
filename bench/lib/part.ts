// bench/lib/: what the bench parts share: the part interface and its options (here), servers and
// browsers to measure against, room peers, the ghost-text probe, statistics, the machine's load, the table.

import type { Figure } from './stats';

/** Options every part may read; sizes come from here so `--quick` shrinks every part at once. */
export interface BenchOptions {
  quick: boolean;
  /** capacity: client counts, e.g. [100, 500, 1000]. */
  clients: number[];
  /** capacity: seconds of typing measured per K and server. */
  seconds: number;
  /** peers / keystroke: edits or keystrokes per configuration. */
  edits: number;
  /** engine: completion positions sampled from held-out files. */
  positions: number;
  /** keystroke: the configurations to run, by key (all when null). */
  configs: string[] | null;
  /** peers / keystroke: run `next build` first (off with --no-build to reuse .next). */
  build: boolean;
}

export interface BenchContext {
  options: BenchOptions;
  log(message: string): void;
}

export interface Part {
  name: string;
  /** What the part measures, one line for `--help`. */
  summary: string;
  run(context: BenchContext): Promise<Figure[]>;
}
