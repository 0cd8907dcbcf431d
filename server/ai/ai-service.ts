// server/ai/: Spark's server side: the router (routing/), model tiers (tiers/), the embedded engine
// (embedded/), the Spark peer in each room (spark/), the socket.io handlers and AI metrics. This file builds it.
/**
 * Builds Spark's server side from the settings: the tiers (remote when a URL is set or a local model server
 * was found, the embedded engine otherwise) and the router. The embedded engine and the language service
 * each start their thread on first use and let it go after `embeddedWorkerIdleMs` without a request, so a
 * server where nobody asks for a suggestion holds neither. This is what server/index.ts creates once at start.
 */
import type { Registry } from 'prom-client';
import type { ConnectedModel } from '../../lib/shared/protocol/ai';
import { ConfigError, type Config } from '../config';
import type { FoundServer } from './discovery/discover-local-model';
import { EngineThread } from './embedded/engine-thread';
import { fanOut } from './embedded/mirror-fan-out';
import { NO_METRICS, registerAiMetrics, type AiMetrics } from './metrics';
import { AiRouter, type RouterSettings } from './routing/router';
import type { TierSet } from './routing/tier-plan';
import { EmbeddedTier } from './tiers/embedded-tier';
import type { ModelTier } from './tiers/model-tier';
import { OpenAiTier } from './tiers/openai-tier';
import { SemanticCompleter } from './semantic/semantic-completer';
import { SemanticThread } from './semantic/semantic-thread';

export interface SparkAi {
  router: AiRouter;
  tiers: TierSet;
  /** The embedded engine, in its own worker thread (started on first use). */
  engine: EngineThread;
  /** The TypeScript language service, in a worker thread of its own (started on first use); null when turned off. */
  languageService: SemanticThread | null;
  metrics: AiMetrics;
  /** Where the model comes from: settings, a server found at start, or none. */
  model: ConnectedModel;
  close(): void;
}

export function routerSettingsFrom(config: Config): RouterSettings {
  return {
    promptBudgetTokens: config.aiPromptBudgetTokens,
    maxCompletionTokens: config.aiMaxCompletionTokens,
    cacheEntries: config.aiCacheEntries,
    prefetch: config.aiPrefetch,
    maxInFlightPerUser: 2,
    flightSlots: config.aiFlightSlots,
    flightIdleMs: config.aiFlightIdleMs,
    firstTokenDeadlineMs: { fast: config.fastFirstTokenDeadlineMs, deep: config.deepFirstTokenDeadlineMs, embedded: 0 },
    editBudgetTokens: config.aiEditBudgetTokens,
    maxEditTokens: config.aiMaxEditTokens,
    userRequestsPerSecond: config.aiUserRequestsPerSecond,
    userRequestsPerMinute: config.aiUserRequestsPerMinute,
    roomRequestsPerMinute: config.aiRoomRequestsPerMinute,
    failuresBeforeCooldown: config.aiTierFailuresBeforeCooldown,
    cooldownMs: config.aiTierCooldownMs,
    editDiffBudgetMs: config.aiEditDiffBudgetMs,
    maxEditBlocks: config.aiMaxEditBlocks,
    maxEditBlockChars: config.aiMaxEditBlockChars,
    maxFollowUpsPerRoom: config.aiNextEditMaxFollowUps,
    followUpCatchUpMs: config.aiNextEditCatchUpMs,
  };
}

/** Refuses settings that parse but cannot be what was meant. */
function checkTierSettings(config: Config): void {
  for (const slot of ['fast', 'deep'] as const) {
    const NAME = slot.toUpperCase();
    if ((config[`${slot}Key`] || config[`${slot}Model`]) && !config[`${slot}Url`]) {
      throw new ConfigError(`Invalid settings:\n  SPARKPAD_${NAME}_KEY/MODEL is set but SPARKPAD_${NAME}_URL is not: set the endpoint too.`);
    }
  }
}

export interface SparkAiOptions {
  registry?: Registry;
  nodeModules?: string;
  /** A local model server found at start (server/ai/discovery/); used only when no tier URL is set. */
  found?: FoundServer | null;
}

/** The tier settings a found server stands in for: its code model, fast in its own format, deep in chat. */
function foundTier(found: FoundServer, slot: 'fast' | 'deep') {
  const format = slot === 'fast' ? found.fastFormat : 'chat';
  const where = new URL(found.url).host;
  return { url: found.url, model: found.model, key: undefined, format, label: `${slot} tier (${found.title} ${found.model} on ${where}, ${format})` };
}

export function createSparkAi(config: Config, options: SparkAiOptions = {}): SparkAi {
  checkTierSettings(config);
  const lifetime = { idleMs: config.embeddedWorkerIdleMs };
  const engine = new EngineThread({ corpusBytes: config.embeddedCorpusBytes, nodeModules: options.nodeModules }, lifetime);
  const languageService = config.embeddedLanguageService ? new SemanticThread(lifetime) : null;
  const embedded = new EmbeddedTier(languageService ? new SemanticCompleter(engine, languageService, config.embeddedLanguageServiceDeadlineMs) : engine);
  const found = config.fastUrl || config.deepUrl ? null : (options.found ?? null);
  const remote = (slot: 'fast' | 'deep'): OpenAiTier | null => {
    const endpoint = found
      ? foundTier(found, slot)
      : { url: config[`${slot}Url`], model: config[`${slot}Model`], key: config[`${slot}Key`], format: config[`${slot}Format`], label: undefined };
    if (!endpoint.url) return null;
    return new OpenAiTier({
      name: slot,
      ...endpoint,
      url: endpoint.url,
      stallTimeoutMs: config[`${slot}StallTimeoutMs`],
      requestDeadlineMs: config[`${slot}RequestDeadlineMs`],
      maxSseLineBytes: config.aiMaxSseLineBytes,
    });
  };
  const fastRemote = remote('fast');
  const deepRemote = remote('deep');
  // No URL at all: both slots are the embedded engine. Only one URL: completions without a fast URL stay
  // embedded (quick), while instructions without a deep URL go to the fast endpoint (it can follow them).
  const tiers: TierSet = {
    fast: fastRemote ?? embedded,
    deep: deepRemote ?? fastRemote ?? embedded,
    embedded,
  };
  const metrics = options.registry ? registerAiMetrics(options.registry) : NO_METRICS;
  const model: ConnectedModel = found
    ? { source: 'found', label: `${found.title} ${found.model} on ${new URL(found.url).host}` }
    : { source: fastRemote ?? deepRemote ? 'settings' : 'none', label: fastRemote ?? deepRemote ? tiers.deep.label : 'none: the embedded engine completes code' };
  const router = new AiRouter({
    tiers,
    settings: routerSettingsFrom(config),
    metrics,
    workspaces: languageService ? fanOut([engine, languageService]) : engine,
    codeActions: languageService,
    model,
  });
  return {
    router,
    tiers,
    engine,
    languageService,
    metrics,
    model,
    close() {
      for (const tier of new Set<ModelTier>([tiers.fast, tiers.deep])) if (tier instanceof OpenAiTier) tier.close();
      void engine.close();
      void languageService?.close();
    },
  };
}
