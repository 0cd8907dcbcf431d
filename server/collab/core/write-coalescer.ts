import type { Duplex } from 'node:stream';

/**
 * Holds a socket's writes until the end of the current turn of the event loop while the server relays
 * what connections sent, so every frame one connection is sent during a round of incoming messages (a
 * keystroke's update and the cursor that follows it, from each person in the room) leaves in one write
 * instead of one system call per frame: sending a frame costs more in that call than in anything else the
 * relay does. The wait ends in this turn's check phase (setImmediate), so no frame waits for a timer or
 * for more input. Any other write (Spark's edits, replies to requests) first lets every held frame go,
 * so what the server sends keeps its order across connections.
 */
export class WriteCoalescer {
  private readonly held = new Set<Duplex>();
  private scheduled = false;
  private relaying = 0;

  /** Runs `handle` (one incoming message) with the writes it makes held. */
  relay(handle: () => void): void {
    this.relaying++;
    try {
      handle();
    } finally {
      this.relaying--;
    }
  }

  /** Call before writing to `socket`. */
  beforeWrite(socket: Duplex): void {
    if (this.relaying === 0) return this.release();
    if (this.held.has(socket)) return;
    socket.cork();
    this.held.add(socket);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.onCheck);
  }

  private readonly onCheck = (): void => {
    this.scheduled = false;
    this.release();
  };

  private release(): void {
    if (this.held.size === 0) return;
    const sockets = [...this.held];
    this.held.clear();
    for (const socket of sockets) socket.uncork();
  }
}
