'use client';

import { lastShownSuggestion, problemOf, useLatencyStore, type SuggestionLatency } from '@/lib/browser/ai/latency-store';
import type { SparkConnection } from '@/lib/browser/ai/spark-client';
import { useSparkStore } from '@/lib/browser/ai/spark-store';

const CONNECTION_LABELS: Record<SparkConnection['kind'], string> = {
  connecting: 'connecting…',
  ready: 'ready',
  reconnecting: 'reconnecting…',
  refused: 'unavailable',
  closed: 'off',
};

/** Spark's fields in the status bar: what went wrong last, what the last suggestion cost, the connection. */
export function SparkStatus() {
  const connection = useSparkStore((s) => s.connection);
  const last = useLatencyStore((s) => lastShownSuggestion(s.entries));
  // Selectors return stored objects (stable between renders); the problem is derived from the latest.
  const latest = useLatencyStore((s) => s.entries.at(-1) ?? null);
  const problem = problemOf(latest);
  const title =
    connection.kind === 'ready'
      ? `Fast tier: ${connection.tiers.fast}\nDeep tier: ${connection.tiers.deep}`
      : connection.kind === 'refused'
        ? `${connection.code}: ${connection.message}`
        : undefined;
  return (
    <>
      {problem && (
        <span className={`status-field spark-problem is-${problem.kind}`} data-testid="spark-suggestion-problem" data-kind={problem.kind} title={problem.text}>
          ⚠ {problem.text}
        </span>
      )}
      {last && <SuggestionReadout entry={last} />}
      <span className={`status-field spark-connection is-${connection.kind}`} data-testid="spark-connection" data-state={connection.kind} title={title}>
        <span aria-hidden="true">✦</span> Spark {connection.kind === 'ready' && connection.permission === 'view' ? 'view only' : CONNECTION_LABELS[connection.kind]}
      </span>
    </>
  );
}

const ms = (value: number | null) => (value === null ? '…' : `${Math.round(value)} ms`);

function SuggestionReadout({ entry }: { entry: SuggestionLatency }) {
  const title = [
    `Last suggestion (${entry.source ?? 'streaming'}, ${entry.chars} characters)`,
    `Tier: ${entry.tier ?? '…'}`,
    `Keystroke to first character on screen: ${ms(entry.keystrokeToFirstCharMs)}`,
    `Server time to first token: ${ms(entry.firstTokenMs)}`,
    `Tokens per second: ${entry.tokensPerSecond ?? '—'}`,
  ].join('\n');
  return (
    <span
      className="status-field spark-latency"
      data-testid="spark-latency"
      data-suggestion-id={entry.id}
      data-tier={entry.tier ?? ''}
      data-keystroke-ms={entry.keystrokeToFirstCharMs ?? ''}
      title={title}
    >
      <span data-testid="spark-latency-tier">{entry.tier ?? '…'}</span>
      {' · key→text '}
      <span data-testid="spark-latency-keystroke">{ms(entry.keystrokeToFirstCharMs)}</span>
      {` · TTFT ${ms(entry.firstTokenMs)}`}
      {entry.tokensPerSecond !== null && ` · ${entry.tokensPerSecond} tok/s`}
    </span>
  );
}
