// server/ai/: Spark's server side: the router (routing/), model tiers (tiers/), the embedded engine
// (embedded/), the Spark peer in each room (spark/), the socket.io handlers and AI metrics. This file builds it.
/**
 * Builds Spark's server side from the settings: the tiers (remote when a URL is set, the embedded engine
 * otherwise), the router and the embedded engine's background corpus load. This is what server/index.ts
 * creates once at start.
 */
import type { Registry } from 'prom-client';
import { ConfigError, type Config } from '../config';
import type { CorpusStats } from './embedded/embedded-engine';
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
  /** The embedded engine, in its own worker thread. */
  engine: EngineThread;
  /** The TypeScript language service, in a worker thread of its own; null when turned off. */
  languageService: SemanticThread | null;
  metrics: AiMetrics;
  /** Resolves when the embedded corpus is indexed; completions work before that, on session files only. */
  corpusReady: Promise<CorpusStats>;
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

export function createSparkAi(config: Config, options: { registry?: Registry; nodeModules?: string } = {}): SparkAi {
  checkTierSettings(config);
  const engine = new EngineThread({ corpusBytes: config.embeddedCorpusBytes, nodeModules: options.nodeModules });
  const languageService = config.embeddedLanguageService ? new SemanticThread() : null;
  const embedded = new EmbeddedTier(languageService ? new SemanticCompleter(engine, languageService, config.embeddedLanguageServiceDeadlineMs) : engine);
  const remote = (slot: 'fast' | 'deep'): OpenAiTier | null => {
    const url = config[`${slot}Url`];
    if (!url) return null;
    return new OpenAiTier({
      name: slot,
      url,
      model: config[`${slot}Model`],
      key: config[`${slot}Key`],
      format: config[`${slot}Format`],
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
  const router = new AiRouter({
    tiers,
    settings: routerSettingsFrom(config),
    metrics,
    workspaces: languageService ? fanOut([engine, languageService]) : engine,
    codeActions: languageService,
  });
  const corpusReady = engine.load();
  return {
    router,
    tiers,
    engine,
    languageService,
    metrics,
    corpusReady,
    close() {
      for (const tier of new Set<ModelTier>([tiers.fast, tiers.deep])) if (tier instanceof OpenAiTier) tier.close();
      void engine.close();
      void languageService?.close();
    },
  };
}
