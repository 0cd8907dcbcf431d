import type { Logger } from 'pino';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { FROM_PEERS, type Distributor, type RoomMessage } from '../distribution/distributor';
import type { Extension, HookPayloads } from '../core/hooks';
import { FROM_STORAGE } from './persistence-extension';
import type { Room } from '../core/room';
import { applyStoredRoom, type Storage } from '../storage/storage';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Scale-out: every instance that has a room loaded publishes the room's document updates and awareness
 * changes through a Distributor and applies what the others publish (origin FROM_PEERS, so nothing is
 * published twice). Each instance's PersistenceExtension also stores what arrives from peers: an edit then
 * survives as long as any instance that saw it lives through one durability window.
 */
export class DistributionExtension implements Extension {
  readonly name = 'distribution';
  // After persistence (10): a loading room holds what storage has before the retained stream goes on top.
  readonly priority = 20;

  constructor(
    private readonly distributor: Distributor,
    private readonly storage: Storage,
    private readonly logger: Logger,
  ) {}

  /** Catches up before the room serves anyone: the registry hands the room out only once this resolves. */
  async onLoadDocument({ room }: HookPayloads['onLoadDocument']): Promise<void> {
    const following = await this.distributor.follow(room.id, {
      onMessages: (messages) => this.apply(room, messages),
      onGap: () => this.reload(room),
    });
    const onAwareness = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      // Every instance times out the remote states it holds by itself; publishing our timeouts could remove
      // a live cursor whose own instance merely renewed it late.
      if (origin === FROM_PEERS || origin === 'timeout') return;
      const changed = [...added, ...updated, ...removed];
      if (changed.length === 0) return;
      this.distributor.publish(room.id, { kind: 'awareness', data: encodeAwarenessUpdate(room.awareness, changed) });
    };
    room.awareness.on('update', onAwareness);
    // Not onUnloadDocument: the registry may keep a room it was unloading when someone joins meanwhile.
    // The doc is destroyed exactly when the room is dropped.
    room.doc.once('destroy', () => {
      following.stop();
      room.awareness.off('update', onAwareness);
    });
  }

  onChange({ room, update, origin }: HookPayloads['onChange']): void {
    if (origin === FROM_PEERS || origin === FROM_STORAGE) return;
    this.distributor.publish(room.id, { kind: 'update', data: update });
  }

  async onDestroy(): Promise<void> {
    await this.distributor.close();
  }

  private apply(room: Room, messages: RoomMessage[]): void {
    // One transaction for the batch: a late joiner's backlog that storage already holds changes nothing,
    // so it emits no update and is neither broadcast nor stored again.
    Y.transact(
      room.doc,
      () => {
        for (const message of messages) {
          try {
            if (message.kind === 'update') Y.applyUpdate(room.doc, message.data, FROM_PEERS);
            else applyAwarenessUpdate(room.awareness, message.data, FROM_PEERS);
          } catch (error) {
            this.logger.warn({ err: error, room: room.id }, 'dropped a malformed message from a peer');
          }
        }
      },
      FROM_PEERS,
    );
  }

  private async reload(room: Room): Promise<void> {
    applyStoredRoom(room.doc, await this.storage.loadDocument(room.id), FROM_STORAGE);
  }
}
