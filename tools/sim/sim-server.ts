/**
 * An OpenAI-compatible streaming model server for tests and benchmarks: `/v1/chat/completions`,
 * `/v1/completions` (with `suffix`), llama.cpp's `/infill` and Ollama's `/api/generate`, or only the endpoints
 * of one local model server it impersonates, with a configurable time to first token,
 * token rate and faults. It records every request's open and close so a test can observe that a cancel
 * really closed the upstream connection.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { behaviourFor, DEFAULT_SIM_BEHAVIOUR, type SimBehaviour } from './sim-behaviour';
import { simTokens, simulatedReply, sseEvent, type SimEndpoint } from './sim-content';
import { answerInfo, DEFAULT_SIM_MODELS, refusalOf, streamingEndpoint, type SimImpersonation } from './sim-impersonation';

export interface SimRequestRecord {
  id: number;
  endpoint: SimEndpoint;
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
  behaviour: SimBehaviour;
  /** Which TCP connection carried it (1-based), to check keep-alive reuse. */
  connectionId: number;
  openedAt: number;
  /** performance.now() when the response ended or the client went away. */
  closedAt?: number;
  /** True when the client closed before the reply was complete (a cancel). */
  closedByClient: boolean;
  tokensSent: number;
}

export interface SimEvents {
  request: [SimRequestRecord];
  token: [SimRequestRecord, string];
  close: [SimRequestRecord];
}

export interface ModelSimulator {
  readonly url: string;
  readonly port: number;
  /** Every request so far, oldest first. */
  readonly requests: SimRequestRecord[];
  readonly connectionCount: number;
  readonly events: EventEmitter<SimEvents>;
  /** Changes the default behaviour for later requests. */
  setBehaviour(patch: Partial<SimBehaviour>): void;
  /** Resolves when request `id` has closed (at once if it already has). */
  waitForClose(id: number): Promise<SimRequestRecord>;
  /** Resolves when the `count`-th request (1-based) has arrived. */
  waitForRequest(count: number): Promise<SimRequestRecord>;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  port?: number;
  host?: string;
  behaviour?: Partial<SimBehaviour>;
  /** Answer as this local model server, with only its endpoints (sim-impersonation.ts). */
  as?: SimImpersonation;
  /** The models it lists; by default one code model fitting the server. */
  models?: string[];
}

export async function startModelSimulator(options: SimulatorOptions = {}): Promise<ModelSimulator> {
  const models = options.models ?? (options.as ? [DEFAULT_SIM_MODELS[options.as]] : ['sim']);
  let behaviour: SimBehaviour = { ...DEFAULT_SIM_BEHAVIOUR, ...options.behaviour };
  const requests: SimRequestRecord[] = [];
  const events = new EventEmitter<SimEvents>();
  const sockets = new Set<Socket>();
  let connectionCount = 0;
  const connectionIds = new WeakMap<Socket, number>();

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method === 'GET' && answerInfo(options.as, models, path, res)) return;
    const endpoint = streamingEndpoint(options.as, path);
    if (req.method !== 'POST' || !endpoint) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end('{"error":{"message":"not found"}}');
    }
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        return void res.end('{"error":{"message":"body is not JSON"}}');
      }
      let perRequest: SimBehaviour;
      try {
        perRequest = behaviourFor(behaviour, body.model, req.headers['x-sim'] as string | undefined);
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: { message: (error as Error).message } }));
      }
      const record: SimRequestRecord = {
        id: requests.length + 1,
        endpoint,
        body,
        headers: req.headers,
        behaviour: perRequest,
        connectionId: connectionIds.get(req.socket) ?? 0,
        openedAt: performance.now(),
        closedByClient: false,
        tokensSent: 0,
      };
      requests.push(record);
      events.emit('request', record);
      respond(record, res);
    });
  });

  function respond(record: SimRequestRecord, res: http.ServerResponse): void {
    const b = record.behaviour;
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, fn: () => void) => {
      const t = setTimeout(() => (timers.delete(t), fn()), ms);
      timers.add(t);
    };
    res.on('close', () => {
      for (const t of timers) clearTimeout(t);
      record.closedAt = performance.now();
      record.closedByClient = !res.writableFinished;
      events.emit('close', record);
    });

    const status = { '500': 500, '401': 401, '429': 429 }[b.fault as '500' | '401' | '429'];
    if (status) {
      const message = status === 401 ? 'Invalid API key provided' : status === 429 ? 'Rate limit reached' : 'Internal error';
      res.writeHead(status, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { message, type: 'sim_fault' } }));
    }
    if (b.fault === 'hang') return; // never answers; the client has to give up or cancel
    const refused = refusalOf(options.as, record.endpoint, record.body);
    if (refused) {
      res.writeHead(refused.status, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(refused.body));
    }

    const reply = b.response ?? simulatedReply(record.endpoint, record.body);
    const tokens = simTokens(reply);
    if (record.body.stream === false) {
      return void later(b.ttftMs, () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ index: 0, text: reply, message: { role: 'assistant', content: reply } }], content: reply, response: reply, done: true }));
      });
    }
    const ndjson = record.endpoint === 'generate';
    res.writeHead(200, { 'content-type': ndjson ? 'application/x-ndjson' : 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const gapMs = b.tokensPerSecond > 0 ? 1000 / b.tokensPerSecond : 0;
    const send = (i: number): void => {
      if (res.destroyed) return;
      if (i === b.faultAfterTokens && b.fault === 'stall') return;
      if (i === b.faultAfterTokens && (b.fault === 'drip' || b.fault === 'comments' || b.fault === 'longline')) {
        return void endlessFault(b.fault, res, later);
      }
      if (i === b.faultAfterTokens && b.fault === 'malformed') {
        res.write('data: {"choices": [{"delta": {"content": "unterminated\n\n');
        return void res.end();
      }
      if (i >= tokens.length) {
        res.write(sseEvent(record.endpoint, '', true, String(record.body.model ?? models[0])));
        if (record.endpoint !== 'infill' && !ndjson) res.write('data: [DONE]\n\n');
        return void res.end();
      }
      const token = tokens[i]!;
      res.write(sseEvent(record.endpoint, token, false, String(record.body.model ?? models[0])));
      record.tokensSent++;
      events.emit('token', record, token);
      if (gapMs === 0) send(i + 1);
      else later(gapMs, () => send(i + 1));
    };
    later(b.ttftMs, () => send(0));
  }

  /** Bytes that never make a token, until the client gives up: every 20 ms for drip and comments. */
  function endlessFault(fault: 'drip' | 'comments' | 'longline', res: http.ServerResponse, later: (ms: number, fn: () => void) => void): void {
    if (fault === 'drip') res.write('data: ');
    const step = (): void => {
      if (res.destroyed) return;
      if (fault === 'drip') res.write('x');
      else if (fault === 'comments') res.write(': still thinking\n\n');
      else if (!res.write('y'.repeat(64 * 1024))) return void res.once('drain', step);
      later(fault === 'longline' ? 0 : 20, step);
    };
    step();
  }

  server.on('connection', (socket) => {
    connectionIds.set(socket, ++connectionCount);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor = (predicate: () => SimRequestRecord | undefined, event: keyof SimEvents) =>
    new Promise<SimRequestRecord>((resolve) => {
      const check = () => {
        const found = predicate();
        if (!found) return;
        events.off(event, check);
        resolve(found);
      };
      events.on(event, check);
      check();
    });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get connectionCount() {
      return connectionCount;
    },
    events,
    setBehaviour(patch) {
      behaviour = { ...behaviour, ...patch };
    },
    waitForClose: (id) => waitFor(() => requests.find((r) => r.id === id && r.closedAt !== undefined), 'close'),
    waitForRequest: (count) => waitFor(() => requests[count - 1], 'request'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
