import type { ServerMessage } from '../../../lib/shared/protocol/ai';

/**
 * What an AI session needs of its connection: socket.io's socket in the server (socket-handlers.ts), an
 * in-memory pair in tests. The session never imports socket.io.
 */
export interface AiTransport {
  send(message: ServerMessage): void;
  /** Ends the connection from the server's side. */
  close(): void;
}
