/**
 * One discovery request to a port on loopback. It never throws: a closed port, a timeout, a non-2xx answer,
 * an answer past the byte limit or one that is not JSON all mean "not this server", so the caller only
 * ever sees the parsed body or null. No keep-alive: the probe is made once at start.
 */
import http from 'node:http';

export interface ProbeLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

/** Only ever loopback: discovery must not reach past this machine. */
const LOOPBACK = '127.0.0.1';

export function probeJson(port: number, path: string, limits: ProbeLimits, body?: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let settled = false;
    const done = (value: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(value);
    };
    const request = http.request(
      {
        host: LOOPBACK,
        port,
        path,
        method: payload === undefined ? 'GET' : 'POST',
        headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        agent: false,
      },
      (response) => {
        if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) {
          response.resume();
          return done(null);
        }
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > limits.maxResponseBytes) return done(null);
          chunks.push(chunk);
        });
        response.on('end', () => {
          try {
            done(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
          } catch {
            done(null);
          }
        });
        response.on('error', () => done(null));
      },
    );
    const timer = setTimeout(() => done(null), limits.timeoutMs);
    request.on('error', () => done(null));
    request.end(payload);
  });
}
