import type { Permission } from '../../lib/shared/share-token';
import type { RefusalReason } from '../../lib/shared/protocol/refusals';
import type { Storage } from '../collab/storage/storage';

/** An open connection on either channel, as rotation sees it. */
export interface Grant {
  roomId: string;
  permission: Permission;
  /** The link generation of the token it was opened with. */
  generation: number;
  close(reason: RefusalReason): void;
}

/**
 * Every open connection of this instance, Yjs and AI alike, by room: rotating a room's links closes, with
 * one named reason, exactly those opened with a token the rotation cut off. Owner links do not age.
 */
export class LiveGrants {
  private readonly byRoom = new Map<string, Set<Grant>>();

  /** Tracks a connection until the returned function is called (when it ends). */
  add(grant: Grant): () => void {
    let set = this.byRoom.get(grant.roomId);
    if (!set) this.byRoom.set(grant.roomId, (set = new Set()));
    set.add(grant);
    return () => {
      set.delete(grant);
      if (set.size === 0 && this.byRoom.get(grant.roomId) === set) this.byRoom.delete(grant.roomId);
    };
  }

  /** Closes the room's connections whose links are older than `generation`; returns how many. */
  revoke(roomId: string, generation: number): number {
    let closed = 0;
    for (const grant of [...(this.byRoom.get(roomId) ?? [])]) {
      if (grant.permission === 'owner' || grant.generation >= generation) continue;
      grant.close('LINKS_ROTATED');
      closed++;
    }
    return closed;
  }

  /**
   * Checks every open connection against storage: for when this instance may have missed a rotation
   * announced by another (its broker connection dropped).
   */
  async recheck(storage: Storage): Promise<void> {
    for (const roomId of [...this.byRoom.keys()]) {
      const room = await storage.getRoom(roomId);
      if (room) this.revoke(roomId, room.linkGeneration);
    }
  }
}
