import { describe, expect, it } from 'vitest';
import { SparkClient, type AiSocket } from '../../lib/browser/ai/spark-client';
import { AI_EVENT, AI_PROTOCOL_VERSION, type ClientMessageInput, type ServerMessage } from '../../lib/shared/protocol/ai';

/** The socket side the client sees: the test plays the server. */
function fakeSocket() {
  const handlers = new Map<string, Array<(...args: never[]) => void>>();
  const emitted: ClientMessageInput[] = [];
  let disconnected = false;
  const socket: AiSocket = {
    on: (event, listener) => handlers.set(event, [...(handlers.get(event) ?? []), listener]),
    emit: (_event, message) => emitted.push(message),
    disconnect: () => (disconnected = true),
  };
  const fire = (event: string, ...args: unknown[]) => {
    for (const h of handlers.get(event) ?? []) (h as (...a: unknown[]) => void)(...args);
  };
  return { socket, emitted, fire, isDisconnected: () => disconnected };
}

const hello: ServerMessage = { type: 'hello', protocolVersion: AI_PROTOCOL_VERSION, permission: 'edit', userId: 'u_ada', tiers: { fast: 'embedded engine', deep: 'embedded engine' } };

describe('the browser’s Spark client', () => {
  it('keeps the prompt window the server announces, so the editor sends that much around the cursor', () => {
    const s = fakeSocket();
    const client = new SparkClient(s.socket);
    s.fire(AI_EVENT, { ...hello, promptWindow: { prefixChars: 7680, suffixChars: 1536 } });
    expect(client.connection).toMatchObject({ kind: 'ready', promptWindow: { prefixChars: 7680, suffixChars: 1536 } });
  });

  it('is ready after the server’s hello, and only then sends', () => {
    const s = fakeSocket();
    const client = new SparkClient(s.socket);
    expect(client.send({ type: 'cancel', id: 'x' })).toBe(false);
    s.fire(AI_EVENT, hello);
    expect(client.connection).toMatchObject({ kind: 'ready', permission: 'edit', promptWindow: null });
    expect(client.send({ type: 'cancel', id: 'x' })).toBe(true);
    expect(s.emitted).toEqual([{ type: 'cancel', id: 'x' }]);
  });

  it('hands valid messages to every subscriber and drops malformed ones', () => {
    const s = fakeSocket();
    const client = new SparkClient(s.socket);
    const seen: ServerMessage[] = [];
    client.subscribe((m) => seen.push(m));
    s.fire(AI_EVENT, { type: 'complete:chunk', id: 'a' });
    s.fire(AI_EVENT, { type: 'nonsense' });
    s.fire(AI_EVENT, { type: 'complete:chunk', id: 'a', text: 'ok' });
    expect(seen).toEqual([{ type: 'complete:chunk', id: 'a', text: 'ok' }]);
  });

  it('names a refusal by its code and does not count it as a dropped connection', () => {
    const s = fakeSocket();
    const client = new SparkClient(s.socket);
    s.fire('connect_error', Object.assign(new Error('UNAUTHORIZED'), { data: { code: 'UNAUTHORIZED', message: 'The link was revoked.' } }));
    s.fire('disconnect');
    expect(client.connection).toEqual({ kind: 'refused', code: 'UNAUTHORIZED', message: 'The link was revoked.' });
  });

  it('shows why the server closed it (the links were reset), not a dropped connection', () => {
    const s = fakeSocket();
    const client = new SparkClient(s.socket);
    s.fire(AI_EVENT, hello);
    s.fire(AI_EVENT, { type: 'closing', reason: 'LINKS_ROTATED' } satisfies ServerMessage);
    s.fire('disconnect');
    expect(client.connection).toMatchObject({ kind: 'refused', message: expect.stringMatching(/replaced the share links/) });
  });

  it('says reconnecting when a ready connection drops', () => {
    const s = fakeSocket();
    const client = new SparkClient(s.socket);
    const states: string[] = [];
    client.onConnection((c) => states.push(c.kind));
    s.fire(AI_EVENT, hello);
    s.fire('disconnect');
    expect(states).toEqual(['ready', 'reconnecting']);
    expect(client.send({ type: 'edit:undo' })).toBe(false);
  });

  it('asks for a reload when the server speaks another protocol version', () => {
    const s = fakeSocket();
    const client = new SparkClient(s.socket);
    s.fire(AI_EVENT, { ...hello, protocolVersion: AI_PROTOCOL_VERSION + 1 });
    expect(client.connection).toMatchObject({ kind: 'refused', code: 'PROTOCOL_MISMATCH' });
    expect(s.isDisconnected()).toBe(true);
  });
});
