import { io } from 'socket.io-client';
import {
  AI_EVENT,
  AI_NAMESPACE,
  AI_PROTOCOL_VERSION,
  AI_ERROR,
  serverMessageSchema,
  type AiError,
  type AiErrorCode,
  type ConnectedModel,
  type ClientMessageInput,
  type Pin,
  type PromptWindow,
  type ServerMessage,
} from '../../shared/protocol/ai';
import { REFUSAL_MESSAGES } from '../../shared/protocol/refusals';
import type { Permission } from '../../shared/share-token';

/**
 * The browser's end of Spark's channel: one persistent socket.io connection per page on the `/ai`
 * namespace, every message on the `ai` event. Incoming messages are validated against lib/shared/protocol/ai/
 * before any feature sees them; outgoing ones are typed by the same schemas. Features (ghost text, Ask
 * Spark, chat) subscribe to all messages and pick those carrying their own request ids. The client knows
 * nothing of Monaco or React.
 */

export type SparkConnection =
  | { kind: 'connecting' }
  /** `userId`: who the server knows this page as (a proposal's asker is named by it). */
  | {
      kind: 'ready';
      permission: Permission;
      userId: string;
      tiers: { fast: string; deep: string };
      model: ConnectedModel | null;
      /** How much text around the cursor a completion request carries; null from a server that does not say. */
      promptWindow: PromptWindow | null;
    }
  /** The connection dropped; socket.io is retrying. Requests in flight are lost. */
  | { kind: 'reconnecting' }
  /** The server said no (bad token, old page); retrying would not change its answer. */
  | { kind: 'refused'; code: AiErrorCode; message: string }
  | { kind: 'closed' };

/** What the client needs of a socket: socket.io's in the browser, a fake in tests. */
export interface AiSocket {
  on(event: string, listener: (...args: never[]) => void): unknown;
  emit(event: string, message: ClientMessageInput): unknown;
  disconnect(): unknown;
}

type Listener<T> = (value: T) => void;

/** What a feature shows when a person asks Spark for something while there is no connection. */
export const NOT_CONNECTED: AiError = { code: 'INTERNAL', message: 'Spark is not connected right now; try again in a moment.' };

/** Requests that go to a model tier, and so carry the person's pin. */
const PINNED: ReadonlySet<ClientMessageInput['type']> = new Set(['complete', 'edit', 'chat:ask']);

export interface SparkClientOptions {
  /** The tier this person pinned in their settings, read at each request; auto when absent. */
  pin?: () => Pin;
}

export class SparkClient {
  private state: SparkConnection = { kind: 'connecting' };
  private readonly messageListeners = new Set<Listener<ServerMessage>>();
  private readonly connectionListeners = new Set<Listener<SparkConnection>>();

  constructor(
    private readonly socket: AiSocket,
    private readonly options: SparkClientOptions = {},
  ) {
    socket.on(AI_EVENT, (raw: unknown) => this.receive(raw));
    socket.on('disconnect', () => {
      if (this.state.kind !== 'refused' && this.state.kind !== 'closed') this.set({ kind: 'reconnecting' });
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      // A middleware refusal carries its code in `data`; socket.io does not retry those. Anything else is
      // the network, which socket.io retries on its own.
      const code = error.data?.code;
      if (code && code in AI_ERROR) this.set({ kind: 'refused', code: code as AiErrorCode, message: error.data?.message ?? code });
      else if (this.state.kind === 'ready') this.set({ kind: 'reconnecting' });
    });
  }

  get connection(): SparkConnection {
    return this.state;
  }

  /** Sends when the channel is ready; false otherwise, so a stale request is never queued for later. */
  send(message: ClientMessageInput): boolean {
    if (this.state.kind !== 'ready') return false;
    const pin = this.options.pin;
    const pinned = pin && PINNED.has(message.type) && !('pin' in message && message.pin) ? { ...message, pin: pin() } : message;
    this.socket.emit(AI_EVENT, pinned as ClientMessageInput);
    return true;
  }

  /** Every valid server message, in order. Returns the unsubscribe. */
  subscribe(listener: Listener<ServerMessage>): () => void {
    this.messageListeners.add(listener);
    return () => void this.messageListeners.delete(listener);
  }

  onConnection(listener: Listener<SparkConnection>): () => void {
    this.connectionListeners.add(listener);
    return () => void this.connectionListeners.delete(listener);
  }

  close(): void {
    this.set({ kind: 'closed' });
    this.socket.disconnect();
    this.messageListeners.clear();
    this.connectionListeners.clear();
  }

  private receive(raw: unknown): void {
    const parsed = serverMessageSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn('Spark: ignored a malformed server message', parsed.error.issues[0]);
      return;
    }
    const message = parsed.data;
    if (message.type === 'closing') {
      // Said before the server closes the socket (links reset, server restarting): show why, and do not
      // let the disconnect that follows read as a network drop.
      this.set({ kind: 'refused', code: 'UNAUTHORIZED', message: REFUSAL_MESSAGES[message.reason] });
    }
    if (message.type === 'hello') {
      if (message.protocolVersion !== AI_PROTOCOL_VERSION) {
        this.set({ kind: 'refused', code: 'PROTOCOL_MISMATCH', message: 'Spark was updated on the server. Reload to update.' });
        this.socket.disconnect();
        return;
      }
      const { permission, userId, tiers, model, promptWindow } = message;
      this.set({ kind: 'ready', permission, userId, tiers, model: model ?? null, promptWindow: promptWindow ?? null });
    }
    for (const listener of [...this.messageListeners]) listener(message);
  }

  private set(state: SparkConnection): void {
    this.state = state;
    for (const listener of [...this.connectionListeners]) listener(state);
  }
}

export interface SparkConnectOptions {
  /** `http(s)://host`: the page's origin. */
  origin: string;
  room: string;
  token: string;
  /** This browser's server-signed identity in the room, so Spark knows whom it works for. */
  identity: string | null;
  pin?: () => Pin;
}

export function connectSpark(options: SparkConnectOptions): SparkClient {
  const socket = io(`${options.origin}${AI_NAMESPACE}`, {
    path: '/socket.io',
    // Straight to a websocket: long-polling first would put the first suggestions on HTTP round trips.
    // Collaboration already needs websockets, so nothing that works today loses anything.
    transports: ['websocket'],
    auth: {
      room: options.room,
      token: options.token,
      protocolVersion: AI_PROTOCOL_VERSION,
      ...(options.identity ? { identity: options.identity } : {}),
    },
  });
  return new SparkClient(socket as unknown as AiSocket, { pin: options.pin });
}
