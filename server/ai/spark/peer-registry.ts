/**
 * One Spark peer per room, alive while at least one AI connection of that room is. The room is held
 * through the collab room registry (`hold`/`release`) so it stays loaded while Spark works in it.
 */
import type { AiRouter } from '../routing/router';
import { SingleInstanceSpark, type SparkCluster } from './spark-cluster';
import { SparkPeer, type Checkpoint } from './spark-peer';
import type { SparkRoom } from './spark-room';

export interface RoomSource {
  hold(id: string): Promise<SparkRoom>;
  release(room: SparkRoom): void;
}

interface Entry {
  peer: Promise<SparkPeer>;
  users: number;
}

export class SparkPeers {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly rooms: RoomSource,
    private readonly router: AiRouter,
    private readonly checkpoint: Checkpoint | null = null,
    /** How the peers of a room on several instances stay one Spark; one process by default. */
    private readonly cluster: SparkCluster = new SingleInstanceSpark(),
  ) {}

  acquire(roomId: string): Promise<SparkPeer> {
    let entry = this.entries.get(roomId);
    if (!entry) {
      const peer = this.rooms.hold(roomId).then((room) => new SparkPeer(room, this.router, this.checkpoint, this.cluster));
      entry = { peer, users: 0 };
      this.entries.set(roomId, entry);
      peer.catch(() => this.entries.delete(roomId));
    }
    entry.users++;
    return entry.peer;
  }

  release(roomId: string): void {
    const entry = this.entries.get(roomId);
    if (!entry || --entry.users > 0) return;
    this.entries.delete(roomId);
    void entry.peer.then(
      (peer) => {
        peer.destroy();
        this.rooms.release(peer.room);
      },
      () => undefined,
    );
  }

  /** Shutdown: every peer leaves its room. */
  async closeAll(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const entry of entries) {
      const peer = await entry.peer.catch(() => null);
      if (!peer) continue;
      peer.destroy();
      this.rooms.release(peer.room);
    }
    await this.cluster.close();
  }
}
