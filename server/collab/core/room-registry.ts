import type { HookChain } from './hooks';
import { Room } from './room';

/**
 * Loaded rooms by id. A room is loaded from storage when its first member arrives and unloaded (stored,
 * then dropped from memory) when the last one leaves. Loads and unloads of one id never overlap.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(private readonly hooks: HookChain) {}

  get loadedCount(): number {
    return this.rooms.size;
  }

  isLoaded(id: string): boolean {
    return this.rooms.has(id);
  }

  loaded(): IterableIterator<Promise<Room>> {
    return this.rooms.values();
  }

  /** Returns the loaded room, loading it first when needed. The caller must join or hold it. */
  async open(id: string): Promise<Room> {
    await this.unloading.get(id);
    let room = this.rooms.get(id);
    if (!room) {
      room = this.load(id);
      this.rooms.set(id, room);
      room.catch(() => this.rooms.delete(id));
    }
    return room;
  }

  /** Keeps a room loaded without a connection (Spark, distribution); pair with release(). */
  async hold(id: string): Promise<Room> {
    const room = await this.open(id);
    room.holds++;
    return room;
  }

  release(room: Room): void {
    room.holds = Math.max(0, room.holds - 1);
    this.unloadIfIdle(room);
  }

  /** Called when a session leaves; unloads once nobody is left. */
  unloadIfIdle(room: Room): void {
    if (!room.isIdle || this.unloading.has(room.id)) return;
    const unload = (async () => {
      try {
        await this.hooks.run('onUnloadDocument', { room });
      } finally {
        // Someone may have joined while we stored: keep the room then.
        if (room.isIdle) {
          this.rooms.delete(room.id);
          room.destroy();
        }
        this.unloading.delete(room.id);
      }
    })();
    this.unloading.set(room.id, unload);
  }

  /** Stores and unloads every room (graceful shutdown). */
  async closeAll(): Promise<void> {
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    await Promise.all(
      rooms.map(async (result) => {
        if (result.status !== 'fulfilled') return;
        await this.hooks.run('onUnloadDocument', { room: result.value });
        result.value.destroy();
      }),
    );
    this.rooms.clear();
  }

  private async load(id: string): Promise<Room> {
    const room = new Room(id, this.hooks);
    await this.hooks.run('onLoadDocument', { room });
    return room;
  }
}
