/**
 * POSTs JSON and yields the `data:` payloads of the server-sent-event reply as they arrive. Uses node:http
 * with a keep-alive Agent (one pool per endpoint) so a completion reuses a warm connection instead of paying
 * TCP and TLS setup, and so an abort destroys exactly this request's socket: the upstream sees the close at
 * once and stops generating.
 */
import http from 'node:http';
import https from 'node:https';
import { createParser } from 'eventsource-parser';
import type { TierName } from '../../../lib/shared/protocol/ai';
import { TierError } from './model-tier';

export interface SseCall {
  url: URL;
  body: unknown;
  headers: Record<string, string>;
  agent: http.Agent;
  signal: AbortSignal;
  /**
   * Longest silence before giving up with TIER_TIMEOUT: before the response, and between events with
   * data. SSE comments and bytes of an unfinished line are not progress, so they do not reset it.
   */
  stallTimeoutMs: number;
  /** Longest the whole request may take (TIER_TIMEOUT), however the endpoint trickles bytes. */
  deadlineMs: number;
  /** Longest line of the event stream (TIER_MALFORMED past it): a line with no end would grow without limit. */
  maxLineBytes: number;
  tier: TierName;
  /** Names the tier in messages, e.g. `fast tier (http://host:port)`. */
  label: string;
  /** The setting a person should check when the key is refused. */
  keySetting: string;
}

async function readErrorBody(res: http.IncomingMessage): Promise<string> {
  let text = '';
  res.setEncoding('utf8');
  for await (const chunk of res) {
    text += chunk as string;
    if (text.length > 2000) break;
  }
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (message) return message;
  } catch {
    // not JSON: show the start of the text
  }
  return text.slice(0, 200);
}

function httpError(call: SseCall, status: number, detail: string): TierError {
  if (status === 401 || status === 403) {
    return new TierError(
      'TIER_UNAUTHORIZED',
      call.tier,
      `${call.label} refused the API key (HTTP ${status}${detail ? `: ${detail}` : ''}). Check ${call.keySetting}.`,
      status,
    );
  }
  if (status === 429) {
    return new TierError('TIER_RATE_LIMITED', call.tier, `${call.label} is rate limiting requests (HTTP 429).`, status);
  }
  return new TierError('TIER_HTTP_ERROR', call.tier, `${call.label} answered HTTP ${status}${detail ? `: ${detail}` : ''}.`, status);
}

export async function* postSse(call: SseCall): AsyncGenerator<string> {
  call.signal.throwIfAborted();
  const stall = new AbortController();
  const signal = AbortSignal.any([call.signal, stall.signal]);
  let stallTimer: NodeJS.Timeout | undefined;
  const deadlineTimer = setTimeout(
    () => stall.abort(new TierError('TIER_TIMEOUT', call.tier, `${call.label} did not finish within ${call.deadlineMs} ms.`)),
    call.deadlineMs,
  );
  const armStallTimer = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(
      () => stall.abort(new TierError('TIER_TIMEOUT', call.tier, `${call.label} sent nothing for ${call.stallTimeoutMs} ms.`)),
      call.stallTimeoutMs,
    );
  };
  const transport = call.url.protocol === 'https:' ? https : http;
  const payload = JSON.stringify(call.body);
  const req = transport.request(call.url, {
    method: 'POST',
    agent: call.agent,
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'content-length': Buffer.byteLength(payload),
      ...call.headers,
    },
  });
  // Destroying the request closes its socket, which is how an HTTP/1.1 client tells a server to stop.
  const onAbort = () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  signal.addEventListener('abort', onAbort, { once: true });
  const failure = (error: unknown): unknown => {
    if (call.signal.aborted) return call.signal.reason;
    if (stall.signal.aborted) return stall.signal.reason;
    if (error instanceof TierError) return error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return new TierError('TIER_UNREACHABLE', call.tier, `${call.label} could not be reached (${code}).`);
  };

  let response: http.IncomingMessage | undefined;
  try {
    armStallTimer();
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      req.once('response', resolve);
      req.once('error', reject);
      req.end(payload);
    }).catch((error: unknown) => {
      throw failure(error);
    });
    response = res;
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw httpError(call, status, await readErrorBody(res));

    armStallTimer();
    const queue: string[] = [];
    const parser = createParser({
      onEvent: (event) => {
        armStallTimer();
        queue.push(event.data);
      },
    });
    const decoder = new TextDecoder();
    let lineBytes = 0;
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        const newline = chunk.lastIndexOf(10);
        lineBytes = newline === -1 ? lineBytes + chunk.length : chunk.length - newline - 1;
        if (lineBytes > call.maxLineBytes) {
          throw new TierError('TIER_MALFORMED', call.tier, `${call.label} sent an event-stream line longer than ${call.maxLineBytes} bytes.`);
        }
        parser.feed(decoder.decode(chunk, { stream: true }));
        while (queue.length > 0) yield queue.shift()!;
      }
    } catch (error) {
      throw failure(error);
    }
    // A reply cut short by an abort ends the loop without an error on some Node versions.
    if (signal.aborted) throw failure(signal.reason);
  } finally {
    clearTimeout(stallTimer);
    clearTimeout(deadlineTimer);
    signal.removeEventListener('abort', onAbort);
    // Leaving early (the caller stopped reading) must also close the upstream.
    if (!req.destroyed && !(response?.complete ?? false)) req.destroy();
  }
}
