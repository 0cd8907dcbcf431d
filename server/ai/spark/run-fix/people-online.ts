import type { ServerMessage } from '../../../../lib/shared/protocol/ai';

type Send = (message: ServerMessage) => void;

/**
 * The room's AI connections by the verified identity each was opened with, so Spark can ask one person's
 * browser for what only a browser can do (run a file again). A connection without an identity is nobody
 * Spark can ask by name; a person with two tabs is asked in both.
 */
export class PeopleOnline {
  private readonly byUser = new Map<string, Set<Send>>();

  /** Registers a connection; returns what removes it again. */
  add(userId: string, send: Send): () => void {
    let sends = this.byUser.get(userId);
    if (!sends) this.byUser.set(userId, (sends = new Set()));
    sends.add(send);
    return () => {
      sends.delete(send);
      if (sends.size === 0 && this.byUser.get(userId) === sends) this.byUser.delete(userId);
    };
  }

  /** Sends to every connection of the person; false when they have none here. */
  send(userId: string, message: ServerMessage): boolean {
    const sends = this.byUser.get(userId);
    if (!sends || sends.size === 0) return false;
    for (const send of sends) send(message);
    return true;
  }
}
