/**
 * The proposals each room's Spark is still writing, so Stop and a leaving asker end them as they end a
 * typed edit. Kept beside the peer (one set per SparkPeer) rather than inside it.
 */
import type { SparkPeer } from '../spark-peer';

class ProposalStreams {
  private readonly running = new Map<string, { controller: AbortController; requester: string }>();

  start(id: string, requester: string): AbortController {
    this.running.get(id)?.controller.abort(new Error('replaced'));
    const controller = new AbortController();
    this.running.set(id, { controller, requester });
    return controller;
  }

  end(id: string): void {
    this.running.delete(id);
  }

  /** Stops the requester's own proposal; false when there is none by that id. */
  stop(id: string, requester: string): boolean {
    const running = this.running.get(id);
    if (!running || running.requester !== requester) return false;
    running.controller.abort(new Error('stop'));
    return true;
  }

  stopAllFor(requester: string): void {
    for (const [id, running] of this.running) if (running.requester === requester) this.stop(id, requester);
  }
}

const streams = new WeakMap<SparkPeer, ProposalStreams>();

export function proposalStreams(spark: SparkPeer): ProposalStreams {
  let found = streams.get(spark);
  if (!found) streams.set(spark, (found = new ProposalStreams()));
  return found;
}
