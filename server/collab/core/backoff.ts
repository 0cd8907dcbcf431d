/** Exponential backoff for retrying a failing operation: initial, 2×, 4× … up to max, reset on success. */
export class Backoff {
  private failures = 0;
  /** When the current run of failures began (ms since epoch), null while healthy. */
  failingSince: number | null = null;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}

  get failing(): boolean {
    return this.failures > 0;
  }

  /** Records a failure; returns how long to wait before the next try. */
  fail(now = Date.now()): number {
    this.failingSince ??= now;
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    return delay;
  }

  succeed(): void {
    this.failures = 0;
    this.failingSince = null;
  }
}
