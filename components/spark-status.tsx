'use client';

import { lastShownSuggestion, useLatencyStore, type SuggestionLatency } from '@/lib/ai/latency-store';
import { useSparkStore } from '@/lib/ai/spark-store';
import type { SparkConnection } from '@/lib/ai/spark-client';

const CONNECTION_LABELS: Record<SparkConnection['kind'], string> = {
  connecting: 'connecting…',
  ready: 'ready',
  reconnecting: 'reconnecting…',
  refused: 'unavailable',
  closed: 'off',
};

/** Spark's fields in the status bar: its connection, and what the last suggestion cost. */
export function SparkStatus() {
  const connection = useSparkStore((s) => s.connection);
  const last = useLatencyStore((s) => lastShownSuggestion(s.entries));
  const title =
    connection.kind === 'ready'
      ? `Fast tier: ${connection.tiers.fast}\nDeep tier: ${connection.tiers.deep}`
      : connection.kind === 'refused'
        ? `${connection.code}: ${connection.message}`
        : undefined;
  return (
    <>
      {last && <SuggestionReadout entry={last} />}
      <span className={`status-field spark-connection is-${connection.kind}`} data-testid="spark-connection" data-state={connection.kind} title={title}>
        <span aria-hidden="true">✦</span> Spark {connection.kind === 'ready' && connection.permission === 'view' ? 'view only' : CONNECTION_LABELS[connection.kind]}
      </span>
    </>
  );
}

const ms = (value: number | null) => (value === null ? '…' : `${Math.round(value)} ms`);

function SuggestionReadout({ entry }: { entry: SuggestionLatency }) {
  if (entry.error) {
    return (
      <span className="status-field spark-latency is-error" data-testid="spark-latency" data-suggestion-id={entry.id} title={entry.error}>
        suggestion failed: {entry.error.split(':')[0]}
      </span>
    );
  }
  const title = [
    `Last suggestion (${entry.source ?? 'streaming'}, ${entry.chars} characters)`,
    `Tier: ${entry.tier ?? '…'}`,
    `Keystroke to first character on screen: ${ms(entry.keystrokeToFirstCharMs)}`,
    `Server time to first token: ${ms(entry.firstTokenMs)}`,
    `Tokens per second: ${entry.tokensPerSecond ?? '—'}`,
    entry.notice ? `Notice: ${entry.notice}` : '',
  ].filter(Boolean).join('\n');
  return (
    <span
      className={`status-field spark-latency${entry.notice ? ' has-notice' : ''}`}
      data-testid="spark-latency"
      data-suggestion-id={entry.id}
      data-tier={entry.tier ?? ''}
      data-keystroke-ms={entry.keystrokeToFirstCharMs ?? ''}
      title={title}
    >
      {entry.notice && <span className="spark-latency-notice" aria-label={entry.notice}>⚠ </span>}
      <span data-testid="spark-latency-tier">{entry.tier ?? '…'}</span>
      {' · key→text '}
      <span data-testid="spark-latency-keystroke">{ms(entry.keystrokeToFirstCharMs)}</span>
      {` · TTFT ${ms(entry.firstTokenMs)}`}
      {entry.tokensPerSecond !== null && ` · ${entry.tokensPerSecond} tok/s`}
    </span>
  );
}
