/**
 * The AI channel on socket.io (`/ai` namespace, `ai` event): a thin adapter. The handshake goes through
 * the same authentication as the Yjs endpoint (the hook chain's onAuthenticate, handed in as
 * `authenticate`); each connection is then an AiSession (session/ai-session.ts), which holds all the
 * logic and never sees socket.io.
 */
import type { IncomingMessage } from 'node:http';
import type { Namespace, Server, Socket } from 'socket.io';
import { AI_EVENT, AI_NAMESPACE, AI_PROTOCOL_VERSION, aiHandshakeSchema } from '../../lib/shared/protocol/ai';
import { REFUSAL_MESSAGES } from '../../lib/shared/protocol/refusals';
import type { LiveGrants } from '../auth/live-grants';
import type { AuthResult, HookPayloads } from '../collab/core/hooks';
import type { AiMetrics } from './metrics';
import type { AiRouter } from './routing/router';
import { AiSession, type AiSessionDeps } from './session/ai-session';
import { SparkPeers, type RoomSource } from './spark/peer-registry';
import type { Checkpoint } from './spark/spark-peer';
import type { SparkCluster } from './spark/spark-cluster';

export interface AiSocketOptions {
  router: AiRouter;
  /** The hook chain's onAuthenticate: one decision for both channels. */
  authenticate(payload: HookPayloads['onAuthenticate']): Promise<AuthResult>;
  /** Open connections of both channels, for rotation to close. */
  grants: LiveGrants;
  /** Rooms for the Spark peer; without it Spark stays out of rooms and edits are refused. */
  rooms?: RoomSource;
  /** Takes a version of the room before each Spark edit. */
  checkpoint?: Checkpoint;
  /** Spark across instances (one Spark per room, shared undo); one process when absent. */
  spark?: SparkCluster;
  metrics?: AiMetrics;
  /** The room's rule for who may accept or reject a proposal. */
  proposalReviewers?: AiSessionDeps['proposalReviewers'];
}

/** A handshake refusal the browser reads from `connect_error`: `err.message` is the code, `err.data` says more. */
function refusal(code: 'PROTOCOL_MISMATCH' | 'UNAUTHORIZED' | 'INVALID_MESSAGE', message: string, reason?: string): Error {
  return Object.assign(new Error(code), { data: { code, message, ...(reason ? { reason } : {}) } });
}

export function attachAiSocketHandlers(io: Server, options: AiSocketOptions): { namespace: Namespace; close(): Promise<void> } {
  const namespace = io.of(AI_NAMESPACE);
  const peers = options.rooms ? new SparkPeers(options.rooms, options.router, options.checkpoint ?? null, options.spark) : null;
  const sessions = new WeakMap<Socket, AiSession>();

  namespace.use((socket, next) => {
    const parsed = aiHandshakeSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(refusal('INVALID_MESSAGE', 'The connection needs { room, token, protocolVersion }.'));
    const { room, token, protocolVersion, identity } = parsed.data;
    if (protocolVersion !== AI_PROTOCOL_VERSION) {
      return next(refusal('PROTOCOL_MISMATCH', `This page speaks AI protocol ${protocolVersion}; the server speaks ${AI_PROTOCOL_VERSION}. Reload to update.`));
    }
    const request = socket.request as IncomingMessage;
    options.authenticate({ roomId: room, token, identity: identity ?? null, request }).then(
      (auth) => {
        if (!auth.ok) return next(refusal('UNAUTHORIZED', REFUSAL_MESSAGES[auth.reason], auth.reason));
        const session = new AiSession(
          { roomId: room, permission: auth.permission, generation: auth.generation, userId: auth.userId, connectionId: socket.id },
          { send: (message) => void socket.emit(AI_EVENT, message), close: () => void socket.disconnect(true) },
          { router: options.router, peers, metrics: options.metrics, proposalReviewers: options.proposalReviewers },
        );
        sessions.set(socket, session);
        next();
      },
      (error: unknown) => next(refusal('UNAUTHORIZED', (error as Error).message)),
    );
  });

  namespace.on('connection', (socket) => {
    const session = sessions.get(socket);
    if (!session) return void socket.disconnect(true);
    const { roomId, permission, generation } = session.access;
    const untrack = options.grants.add({ roomId, permission, generation, close: (reason) => session.close(reason) });
    socket.on(AI_EVENT, (raw: unknown) => session.receive(raw));
    socket.on('disconnect', () => {
      untrack();
      session.end();
    });
    session.start();
  });

  return {
    namespace,
    async close() {
      for (const socket of namespace.sockets.values()) {
        const session = sessions.get(socket);
        if (session) session.close('SERVER_SHUTTING_DOWN');
        else socket.disconnect(true);
      }
      await peers?.closeAll();
    },
  };
}
