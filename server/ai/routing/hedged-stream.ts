/**
 * Streams from a remote tier with a first-token deadline: if nothing arrived by then, the embedded engine is
 * asked too and whichever answers first (with non-empty text) wins; the loser is aborted at once, which
 * closes its upstream connection.
 */
import type { TierName } from '../../../lib/shared/protocol/ai';
import type { ModelTier, TierRequest } from '../tiers/model-tier';

export interface TierChunk {
  tier: TierName;
  text: string;
}

type Step = { from: 'primary' | 'hedge'; result: IteratorResult<string> } | { from: 'primary' | 'hedge'; error: unknown };

function step(from: 'primary' | 'hedge', next: Promise<IteratorResult<string>>): Promise<Step> {
  return next.then(
    (result) => ({ from, result }),
    (error: unknown) => ({ from, error }),
  );
}

function deadline(ms: number, signal: AbortSignal): { promise: Promise<'deadline'>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), ms);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });
  return { promise, clear: () => clearTimeout(timer) };
}

async function* rest(tier: TierName, iterator: AsyncIterator<string>): AsyncGenerator<TierChunk> {
  for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield { tier, text: r.value };
}

export async function* hedgedStream(
  primary: ModelTier,
  hedge: ModelTier | null,
  request: TierRequest,
  firstTokenDeadlineMs: number,
  signal: AbortSignal,
): AsyncGenerator<TierChunk> {
  const primaryControl = new AbortController();
  const hedgeControl = new AbortController();
  const onAbort = () => {
    primaryControl.abort(signal.reason);
    hedgeControl.abort(signal.reason);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const p = primary.stream(request, primaryControl.signal)[Symbol.asyncIterator]();
  let h: AsyncIterator<string> | null = null;
  try {
    let pending: Promise<Step> | null = step('primary', p.next());
    let hedgePending: Promise<Step> | null = null;
    if (hedge && hedge !== primary) {
      const timer = deadline(firstTokenDeadlineMs, signal);
      const first = await Promise.race([pending, timer.promise]);
      timer.clear();
      if (first === 'deadline') {
        h = hedge.stream(request, hedgeControl.signal)[Symbol.asyncIterator]();
        hedgePending = step('hedge', h.next());
      }
    }
    while (pending || hedgePending) {
      const s = await Promise.race([pending, hedgePending].filter((x): x is Promise<Step> => x !== null));
      if (s.from === 'primary') pending = null;
      else hedgePending = null;
      const iterator = s.from === 'primary' ? p : h!;
      const tier = s.from === 'primary' ? primary.name : hedge!.name;
      if ('error' in s) {
        // The hedge failing is not the primary's problem: keep waiting for the primary.
        if (s.from === 'hedge') continue;
        throw s.error;
      }
      if (s.result.done || s.result.value === '') {
        if (!s.result.done) {
          if (s.from === 'primary') pending = step('primary', p.next());
          else hedgePending = step('hedge', h!.next());
        }
        continue; // nothing to show from this one: the other may still answer
      }
      // First real text wins; the other is cancelled (its upstream closes now).
      (s.from === 'primary' ? hedgeControl : primaryControl).abort(new Error('lost the hedge'));
      yield { tier, text: s.result.value };
      yield* rest(tier, iterator);
      return;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    primaryControl.abort(new Error('stream closed'));
    hedgeControl.abort(new Error('stream closed'));
  }
}
