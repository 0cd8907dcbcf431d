import type { WebSocket } from 'ws';

/**
 * Pings every socket each `intervalMs`; one that has not answered the previous ping is half-open (a
 * vanished laptop, a dropped NAT mapping) and is handed to `onTimeout`, so it stops holding its slot,
 * its room and its cursor. One timer for all sockets.
 */
export class Heartbeat {
  private readonly awaiting = new WeakSet<WebSocket>();
  private readonly sockets = new Set<WebSocket>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    intervalMs: number,
    private readonly onTimeout: (socket: WebSocket) => void,
  ) {
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  watch(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('pong', () => this.awaiting.delete(socket));
    socket.once('close', () => this.sockets.delete(socket));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private beat(): void {
    for (const socket of this.sockets) {
      if (this.awaiting.has(socket)) {
        this.sockets.delete(socket);
        this.onTimeout(socket);
        continue;
      }
      this.awaiting.add(socket);
      socket.ping();
    }
  }
}
