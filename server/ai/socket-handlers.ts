/**
 * The AI channel on socket.io (`/ai` namespace, `ai` event). A connection authenticates once in the
 * handshake; each message is validated against lib/shared/protocol/ai.ts, and an invalid one gets an error reply
 * while the connection keeps working. Chunks are forwarded the moment the router yields them, and a cancel
 * (or a disconnect) aborts the request's AbortSignal, which closes the upstream model request.
 */
import type { Namespace, Server } from 'socket.io';
import {
  AI_EVENT,
  AI_NAMESPACE,
  AI_PROTOCOL_VERSION,
  aiHandshakeSchema,
  assertNever,
  clientMessageSchema,
  type ClientMessage,
  type ServerMessage,
} from '../../lib/shared/protocol/ai';
import { awarenessUserSchema } from '../../lib/shared/protocol/awareness';
import type { AiMetrics } from './metrics';
import type { AiRouter } from './routing/router';
import type { SparkPeer } from './spark/spark-peer';
import { SparkPeers, type RoomSource } from './spark/peer-registry';

export type AiAuthResult = { ok: true; permission: 'edit' | 'view' } | { ok: false; reason: string };

export interface AiSocketOptions {
  router: AiRouter;
  authenticate(room: string, token: string): AiAuthResult | Promise<AiAuthResult>;
  /** Rooms for the Spark peer; without it Spark stays out of rooms and edits are refused. */
  rooms?: RoomSource;
  metrics?: AiMetrics;
}

interface SessionData {
  roomId: string;
  userId: string;
  /** The id this person has in the room's awareness, to find their name and colour. */
  personId: string | null;
  permission: 'edit' | 'view';
}

/** A handshake refusal the browser reads from `connect_error`: `err.message` is the code, `err.data` says more. */
function refusal(code: 'PROTOCOL_MISMATCH' | 'UNAUTHORIZED' | 'INVALID_MESSAGE', message: string): Error {
  return Object.assign(new Error(code), { data: { code, message } });
}

export function attachAiSocketHandlers(io: Server, options: AiSocketOptions): { namespace: Namespace; close(): Promise<void> } {
  const namespace = io.of(AI_NAMESPACE);
  const peers = options.rooms ? new SparkPeers(options.rooms, options.router) : null;

  namespace.use((socket, next) => {
    const parsed = aiHandshakeSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(refusal('INVALID_MESSAGE', 'The connection needs { room, token, protocolVersion }.'));
    const { room, token, protocolVersion, userId } = parsed.data;
    if (protocolVersion !== AI_PROTOCOL_VERSION) {
      return next(refusal('PROTOCOL_MISMATCH', `This page speaks AI protocol ${protocolVersion}; the server speaks ${AI_PROTOCOL_VERSION}. Reload to update.`));
    }
    Promise.resolve(options.authenticate(room, token)).then(
      (result) => {
        if (!result.ok) return next(refusal('UNAUTHORIZED', result.reason));
        // Scoped to the room, so a client-chosen id can never reach into another room's state.
        const data: SessionData = { roomId: room, userId: `${room}/${userId ?? socket.id}`, personId: userId ?? null, permission: result.permission };
        socket.data = data;
        next();
      },
      (error: unknown) => next(refusal('UNAUTHORIZED', (error as Error).message)),
    );
  });

  namespace.on('connection', (socket) => {
    const session = socket.data as SessionData;
    const peer = peers ? peers.acquire(session.roomId).catch(() => null) : Promise.resolve(null);
    const requests = new Map<string, AbortController>();
    const send = (message: ServerMessage): void => void socket.emit(AI_EVENT, message);
    send({
      type: 'hello',
      protocolVersion: AI_PROTOCOL_VERSION,
      permission: session.permission,
      tiers: { fast: options.router.tiers.fast.label, deep: options.router.tiers.deep.label },
    });

    socket.on(AI_EVENT, (raw: unknown) => {
      const parsed = clientMessageSchema.safeParse(raw);
      if (!parsed.success) {
        const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id.slice(0, 64) : undefined;
        const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
        return send({ type: 'error', ...(id ? { id } : {}), error: { code: 'INVALID_MESSAGE', message: detail.slice(0, 500) } });
      }
      void handle(parsed.data).catch((error: unknown) =>
        send({ type: 'error', error: { code: 'INTERNAL', message: (error as Error).message } }),
      );
    });

    async function handle(message: ClientMessage): Promise<void> {
      switch (message.type) {
        case 'complete':
          return complete(message);
        case 'cancel':
          requests.get(message.id)?.abort(new Error('cancelled'));
          return;
        case 'edit':
          return edit(message);
        case 'edit:stop':
          (await peer)?.stop(message.id);
          return;
        case 'edit:undo': {
          if (session.permission !== 'edit') return send({ type: 'error', error: { code: 'READ_ONLY', message: 'A view-only link cannot undo edits.' } });
          const spark = await peer;
          return send({ type: 'edit:undone', ok: spark?.undo(session.userId) ?? false });
        }
        case 'chat':
          return chat(message);
        case 'chat:ask':
          return chatAsk(message);
        case 'chat:stop':
          if (session.permission !== 'edit') return send({ type: 'chat:error', id: message.id, error: { code: 'READ_ONLY', message: 'A view-only link cannot stop Spark.' } });
          (await peer)?.chat.stop(message.id);
          return;
        case 'latency':
          options.metrics?.clientLatency(message.keystrokeToFirstCharMs);
          return;
        default:
          assertNever(message);
      }
    }

    function track(id: string): AbortController {
      requests.get(id)?.abort(new Error('replaced'));
      const controller = new AbortController();
      requests.set(id, controller);
      return controller;
    }

    async function complete(message: Extract<ClientMessage, { type: 'complete' }>): Promise<void> {
      // Suggestions are for typing; a view-only link cannot type, so it spends no model budget either.
      if (session.permission !== 'edit') {
        return send({ type: 'complete:error', id: message.id, error: { code: 'READ_ONLY', message: 'A view-only link gets no suggestions.' } });
      }
      const controller = track(message.id);
      const spark = await peer;
      if (message.offset !== undefined) spark?.suggesting(message.file, message.offset);
      const { id } = message;
      try {
        const stream = options.router.complete(
          { userId: session.userId, roomId: session.roomId, pin: message.pin, path: message.file, language: message.language, prefix: message.prefix, suffix: message.suffix, workspace: spark?.workspace ?? null },
          controller.signal,
        );
        for await (const event of stream) {
          if (event.type === 'chunk') send({ type: 'complete:chunk', id, text: event.text });
          else if (event.type === 'notice') send({ type: 'complete:notice', id, error: event.error });
          else if (event.type === 'done') send({ type: 'complete:done', id, stats: event.stats });
          else if (event.type === 'cancelled') send({ type: 'complete:cancelled', id, reason: event.reason });
          else send({ type: 'complete:error', id, error: event.error });
        }
      } finally {
        if (requests.get(id) === controller) requests.delete(id);
      }
    }

    async function edit(message: Extract<ClientMessage, { type: 'edit' }>): Promise<void> {
      if (session.permission !== 'edit') {
        return send({ type: 'edit:error', id: message.id, error: { code: 'READ_ONLY', message: 'A view-only link cannot ask Spark to edit.' } });
      }
      const spark: SparkPeer | null = await peer;
      if (!spark) return send({ type: 'edit:error', id: message.id, error: { code: 'INTERNAL', message: 'Spark is not in this session.' } });
      spark.edit(
        { id: message.id, requester: session.userId, file: message.file, language: message.language, instruction: message.instruction, from: message.selection.from, to: message.selection.to, pin: message.pin, replacement: message.replacement },
        send,
      );
    }

    /** A question for the room's chat: Spark writes it and its answer into the shared document. */
    async function chatAsk(message: Extract<ClientMessage, { type: 'chat:ask' }>): Promise<void> {
      if (session.permission !== 'edit') {
        return send({ type: 'chat:error', id: message.id, error: { code: 'READ_ONLY', message: 'A view-only link can read the chat but not ask Spark.' } });
      }
      const spark: SparkPeer | null = await peer;
      if (!spark) return send({ type: 'chat:error', id: message.id, error: { code: 'INTERNAL', message: 'Spark is not in this session.' } });
      spark.chat.ask({
        id: message.id,
        requester: session.userId,
        asker: personIn(spark, session.personId),
        question: message.question,
        context: message.context,
        pin: message.pin,
      });
    }

    async function chat(message: Extract<ClientMessage, { type: 'chat' }>): Promise<void> {
      const controller = track(message.id);
      const { id } = message;
      try {
        for await (const event of options.router.chat({ userId: session.userId, roomId: session.roomId, pin: message.pin, messages: message.messages }, controller.signal)) {
          if (event.type === 'chunk') send({ type: 'chat:chunk', id, text: event.text });
          else if (event.type === 'done') send({ type: 'chat:done', id, stats: event.stats });
          else if (event.type === 'error') send({ type: 'chat:error', id, error: event.error });
        }
      } finally {
        if (requests.get(id) === controller) requests.delete(id);
      }
    }

    socket.on('disconnect', () => {
      for (const controller of requests.values()) controller.abort(new Error('disconnected'));
      requests.clear();
      options.router.forgetUser(session.userId);
      void peer.then((spark) => {
        spark?.stopAllFor(session.userId);
        if (spark) peers?.release(session.roomId);
      });
    });
  });

  return {
    namespace,
    async close() {
      for (const socket of namespace.sockets.values()) socket.disconnect(true);
      await peers?.closeAll();
    },
  };
}

/** The asker's name and colour as the room sees them (their awareness state), for the chat. */
function personIn(spark: SparkPeer, personId: string | null): { name: string; color: string } {
  for (const state of spark.room.awareness.getStates().values()) {
    const user = awarenessUserSchema.safeParse((state as { user?: unknown }).user);
    if (user.success && user.data.id === personId) return { name: user.data.name, color: user.data.color };
  }
  return { name: 'Someone', color: '#8b8b8b' };
}
