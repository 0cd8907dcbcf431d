import { io, type Socket } from 'socket.io-client';
import { AI_EVENT, AI_NAMESPACE, AI_PROTOCOL_VERSION, type ClientMessageInput, type ServerMessage } from '../../lib/shared/protocol/ai';
import { whenTheTestFails } from './when-the-test-fails';

/** A Node client of Spark's socket, as a browser page holds it, with an inbox the test reads. */
export interface AiTestClient {
  socket: Socket;
  inbox: ServerMessage[];
  send(message: ClientMessageInput | Record<string, unknown>): void;
  /** The first message of `type` (already received or still to come) that matches `where`. */
  next<T extends ServerMessage['type']>(type: T, where?: (m: Extract<ServerMessage, { type: T }>) => boolean): Promise<Extract<ServerMessage, { type: T }>>;
  /** The first message of any type (already received or still to come) that matches `where`; `what` names it if none comes. */
  nextMatching(where: (m: ServerMessage) => boolean, what: string): Promise<ServerMessage>;
  /** Resolves when the server disconnects this socket, with the reason it named before doing so. */
  closed: Promise<{ reason: string | null; at: number }>;
  close(): void;
}

export interface AiAuth {
  room: string;
  token: string;
  identity?: string;
  [extra: string]: unknown;
}

/** Connects and resolves after the server's hello; rejects with the handshake's refusal code. */
export async function connectAi(url: string, auth: AiAuth): Promise<AiTestClient> {
  const socket = io(`${url}${AI_NAMESPACE}`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    auth: { protocolVersion: AI_PROTOCOL_VERSION, ...auth },
  });
  const inbox: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  let namedReason: string | null = null;
  socket.on(AI_EVENT, (message: ServerMessage) => {
    inbox.push(message);
    if (message.type === 'closing') namedReason = message.reason;
    for (const waiter of [...waiters]) waiter();
  });
  const closed = new Promise<{ reason: string | null; at: number }>((resolve) =>
    socket.on('disconnect', (why) => why === 'io server disconnect' && resolve({ reason: namedReason, at: Date.now() })),
  );
  // A wait lasts as long as the test does (its timeout is the only clock); if the test fails meanwhile, the
  // wait says what it was still looking for and what had arrived.
  const nextMatching: AiTestClient['nextMatching'] = (where, what) =>
    new Promise((resolve) => {
      let waiting = true;
      const look = () => {
        const found = inbox.find(where);
        if (!found) return;
        waiting = false;
        waiters.delete(look);
        resolve(found);
      };
      whenTheTestFails(() => {
        if (waiting) console.error(`still waiting for ${what}; got ${inbox.map((m) => m.type).join(', ') || 'nothing'}`);
      });
      waiters.add(look);
      look();
    });
  const next: AiTestClient['next'] = (type, where = () => true) =>
    nextMatching((m) => m.type === type && where(m as never), type) as never;
  await new Promise<void>((resolve, reject) => {
    socket.once('connect_error', (error) => (socket.close(), reject(Object.assign(new Error(error.message), { data: (error as { data?: unknown }).data }))));
    socket.on(AI_EVENT, (m: ServerMessage) => m.type === 'hello' && resolve());
  });
  return {
    socket,
    inbox,
    send: (message) => void socket.emit(AI_EVENT, message),
    next,
    nextMatching,
    closed,
    close: () => void socket.close(),
  };
}

/** The handshake's refusal reason (the room's named reason when it has one, else the code), or 'connected'. */
export async function aiHandshake(url: string, auth: AiAuth): Promise<string> {
  try {
    (await connectAi(url, auth)).close();
    return 'connected';
  } catch (error) {
    const { message, data } = error as Error & { data?: { reason?: string } };
    return data?.reason ?? message;
  }
}
