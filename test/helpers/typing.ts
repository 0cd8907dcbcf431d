import type * as Y from 'yjs';
import type { YjsClient } from './yjs-client';

export interface Typed {
  token: string;
  sentAt: number;
}

/**
 * Types a unique token at the start of main.ts every few milliseconds, like a person typing fast. Tokens
 * are single inserts at position 0, so concurrent ones never split each other. Returns a stop function.
 */
export function startTyping(client: YjsClient, name: string, log: Typed[], everyMs = 7): () => void {
  let n = 0;
  const timer = setInterval(() => {
    const token = `<${name}${n++}>`;
    client.text().insert(0, token);
    log.push({ token, sentAt: Date.now() });
  }, everyMs);
  return () => clearInterval(timer);
}

/**
 * Records when each token first reaches `client` from another client, that is through a server, into
 * `arrivals`. A server held a token no later than its arrival anywhere else, so "arrived before T" bounds
 * when the server had it without counting the time the typist's own machine took to send it.
 */
export function recordArrivals(client: YjsClient, arrivals: Map<string, number>): () => void {
  const text = client.text();
  const onChange = (event: Y.YTextEvent) => {
    if (event.transaction.local) return;
    const now = Date.now();
    for (const op of event.delta) {
      if (typeof op.insert !== 'string') continue;
      for (const token of op.insert.match(/<[^<>]+>/g) ?? []) if (!arrivals.has(token)) arrivals.set(token, now);
    }
  };
  text.observe(onChange);
  return () => text.unobserve(onChange);
}

/** Resolves when `check` holds for every client, re-checking on each document update of any of them. */
export function untilAll(clients: YjsClient[], check: (client: YjsClient) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const test = () => {
      if (!clients.every(check)) return;
      for (const client of clients) client.doc.off('update', test);
      resolve();
    };
    for (const client of clients) client.doc.on('update', test);
    test();
  });
}

/** Resolves once every client holds every token and all of them hold the same text. */
export function untilConverged(clients: YjsClient[], tokens: string[]): Promise<void> {
  return untilAll(clients, (client) => {
    const text = client.read();
    return tokens.every((token) => text.includes(token)) && clients.every((other) => other.read() === text);
  });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
