'use client';

import { useEffect } from 'react';
import type { SparkTarget } from '@/lib/browser/ai/ask-spark-store';
import { requestCodeActions, runCodeAction, useCodeActionsStore } from '@/lib/browser/ai/code-actions-store';
import { canAskSpark, useSparkStore } from '@/lib/browser/ai/spark-store';

/** The language service's actions for what Ask Spark points at: one button each, no model needed. */
export function SparkCodeActions({ target, working }: { target: SparkTarget | null; working: boolean }) {
  const client = useSparkStore((s) => s.client);
  const enabled = canAskSpark(useSparkStore((s) => s.connection));
  const state = useCodeActionsStore((s) => s);

  useEffect(() => {
    if (target && enabled) requestCodeActions(client, target);
  }, [target, client, enabled]);

  if (state.kind === 'none') return null;
  return (
    <div className="spark-code-actions" role="group" aria-label="Actions that need no model" data-testid="spark-code-actions" data-state={state.kind}>
      <span className="spark-code-actions-label">No key needed:</span>
      {state.kind === 'loading' && <span className="spark-hint">looking…</span>}
      {state.kind === 'ready' && state.offers.length === 0 && <span className="spark-hint">nothing applies here</span>}
      {state.kind === 'ready' &&
        state.offers.map((offer) => (
          <button
            key={offer.id}
            className="button"
            type="button"
            data-testid="spark-code-action"
            data-action={offer.id}
            disabled={working}
            onClick={() => runCodeAction(client, state.target, offer)}
          >
            {offer.title}
          </button>
        ))}
    </div>
  );
}
