'use client';

import { lastShownSuggestion, problemOf, useLatencyStore, type SuggestionLatency } from '@/lib/browser/ai/latency-store';
import type { SparkConnection } from '@/lib/browser/ai/spark-client';
import type { ConnectedModel } from '@/lib/shared/protocol/ai';
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
      {connection.kind === 'ready' && connection.model && <ModelField model={connection.model} />}
      <span className={`status-field spark-connection is-${connection.kind}`} data-testid="spark-connection" data-state={connection.kind} title={title}>
        <span aria-hidden="true">✦</span> Spark {connection.kind === 'ready' && connection.permission === 'view' ? 'view only' : CONNECTION_LABELS[connection.kind]}
      </span>
    </>
  );
}

const MODEL_SOURCES: Record<ConnectedModel['source'], string> = { settings: 'model', found: 'found', none: 'no model' };

/** Which model Spark uses: set in the settings, found on this machine at start, or none (embedded engine only). */
function ModelField({ model }: { model: ConnectedModel }) {
  const title =
    model.source === 'none'
      ? 'No model connected: ghost text comes from the embedded engine; instructions and chat need a model.'
      : model.source === 'found'
        ? `Found on this machine at start: ${model.label}`
        : `Model: ${model.label}`;
  return (
    <span className={`status-field spark-model is-${model.source}`} data-testid="spark-model" data-source={model.source} title={title}>
      {model.source === 'none' ? MODEL_SOURCES.none : `${MODEL_SOURCES[model.source]}: ${model.label}`}
    </span>
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
