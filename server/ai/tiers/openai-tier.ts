/**
 * The OpenAI-compatible HTTP tier: one implementation serves Cerebras, Groq, OpenAI, vLLM, Ollama and
 * llama.cpp's server. The wire format (chat, fim, infill) is a setting per tier; see prompt-formats.ts.
 */
import http from 'node:http';
import https from 'node:https';
import type { TierName } from '../../../lib/shared/protocol/ai';
import { TierError, type ModelTier, type TierRequest } from './model-tier';
import { buildCall, deltaText, editableRegion, type PromptFormat } from './prompt-formats';
import { FencedCodeExtractor, PassThroughExtractor, RegionInsertionExtractor, type ReplyExtractor } from './reply-extractors';
import { postSse } from './sse-request';

export interface OpenAiTierSettings {
  name: Exclude<TierName, 'embedded'>;
  /** Base URL, e.g. `https://api.groq.com/openai` or `http://127.0.0.1:8080` (paths are appended). */
  url: string;
  model?: string;
  key?: string;
  format: PromptFormat;
  /** How messages name the tier; by default its slot, host and format. */
  label?: string;
  stallTimeoutMs: number;
  /** Longest a whole request may take, however the endpoint trickles bytes. @default 120000 */
  requestDeadlineMs?: number;
  /** Longest line of the event stream; a reply that never ends its line fails past it. @default 1048576 */
  maxSseLineBytes?: number;
  /** Sockets kept open to the endpoint. @default 8 */
  maxSockets?: number;
}

/** The base URL's own path is kept, so `https://host/openai` + `/v1/chat/completions` works. */
function endpointUrl(base: string, path: string): URL {
  const url = new URL(base);
  const basePath = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  url.pathname = `${basePath}${path}`;
  return url;
}

function extractorFor(format: PromptFormat, request: TierRequest): ReplyExtractor {
  if (request.kind === 'edit') return new FencedCodeExtractor();
  if (request.kind === 'complete' && format === 'chat') {
    const region = editableRegion(request.prefix, request.suffix);
    return new RegionInsertionExtractor(region.before, region.after);
  }
  return new PassThroughExtractor();
}

export class OpenAiTier implements ModelTier {
  readonly name: Exclude<TierName, 'embedded'>;
  readonly label: string;
  private readonly agent: http.Agent;
  private readonly keySetting: string;

  constructor(private readonly settings: OpenAiTierSettings) {
    this.name = settings.name;
    this.label = settings.label ?? `${settings.name} tier (${new URL(settings.url).host}, ${settings.format})`;
    this.keySetting = `SPARKPAD_${settings.name.toUpperCase()}_KEY`;
    const options = { keepAlive: true, keepAliveMsecs: 15_000, maxSockets: settings.maxSockets ?? 8 };
    this.agent = settings.url.startsWith('https:') ? new https.Agent(options) : new http.Agent(options);
  }

  async *stream(request: TierRequest, signal: AbortSignal): AsyncGenerator<string> {
    const call = buildCall(this.settings.format, request);
    const extractor = extractorFor(this.settings.format, request);
    const headers: Record<string, string> = {};
    if (this.settings.key) headers.authorization = `Bearer ${this.settings.key}`;
    const body = {
      ...(this.settings.model ? { model: this.settings.model } : {}),
      ...call.body,
      stream: true,
      temperature: request.kind === 'chat' ? 0.3 : 0,
    };
    const events = postSse({
      url: endpointUrl(this.settings.url, call.path),
      body,
      headers,
      agent: this.agent,
      signal,
      stallTimeoutMs: this.settings.stallTimeoutMs,
      deadlineMs: this.settings.requestDeadlineMs ?? 120_000,
      maxLineBytes: this.settings.maxSseLineBytes ?? 1024 * 1024,
      tier: this.name,
      label: this.label,
      keySetting: this.keySetting,
    });
    for await (const data of events) {
      // Read on to the end of the body after [DONE] so the socket goes back to the pool.
      if (data === '[DONE]') continue;
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        throw new TierError('TIER_MALFORMED', this.name, `${this.label} sent a chunk that is not JSON: ${data.slice(0, 60)}`);
      }
      const delta = deltaText(call.path, payload);
      if (delta === undefined) {
        const error = (payload as { error?: { message?: string } }).error;
        const detail = error?.message ?? `unexpected chunk ${data.slice(0, 60)}`;
        throw new TierError('TIER_MALFORMED', this.name, `${this.label}: ${detail}`);
      }
      const { text, done } = extractor.push(delta);
      if (text) yield text;
      // Returning closes the upstream: the rest of the reply would be thrown away anyway.
      if (done) return;
    }
    const rest = extractor.end();
    if (rest) yield rest;
  }

  /** Closes idle pooled connections (shutdown). */
  close(): void {
    this.agent.destroy();
  }
}
