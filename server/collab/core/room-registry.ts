import type { Logger } from 'pino';
import { Backoff } from './backoff';
import type { HookChain } from './hooks';
import type { PresenceBounds } from './awareness-gate';
import type { ParkedBounds } from './parked-updates';
import { Room } from './room';

export interface RoomOptions extends ParkedBounds, PresenceBounds {
  retryInitialMs: number;
  retryMaxMs: number;
  logger: Logger;
}

/**
 * Loaded rooms by id. A room is loaded from storage when its first member arrives and unloaded (stored,
 * then dropped from memory) when the last one leaves. Loads and unloads of one id never overlap. An
 * unload that fails (storage refused the room's last writes) keeps the room loaded, with its edits, and
 * is tried again with backoff.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly retries = new Map<string, { backoff: Backoff; timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly hooks: HookChain,
    private readonly retry: RoomOptions,
  ) {}

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
      let stored = false;
      try {
        await this.hooks.run('onUnloadDocument', { room });
        stored = true;
      } catch (error) {
        this.retryUnload(room, error);
      } finally {
        // Someone may have joined while we stored: keep the room then.
        if (stored && room.isIdle) {
          this.rooms.delete(room.id);
          this.forgetRetry(room.id);
          room.destroy();
        }
        this.unloading.delete(room.id);
      }
    })();
    this.unloading.set(room.id, unload);
  }

  private retryUnload(room: Room, error: unknown): void {
    let retry = this.retries.get(room.id);
    if (!retry) {
      retry = { backoff: new Backoff(this.retry.retryInitialMs, this.retry.retryMaxMs), timer: null };
      this.retries.set(room.id, retry);
    }
    if (retry.timer) clearTimeout(retry.timer);
    const delay = retry.backoff.fail();
    this.retry.logger.warn({ err: error, room: room.id, retryInMs: delay }, 'room kept loaded: unloading failed');
    retry.timer = setTimeout(() => {
      retry.timer = null;
      this.unloadIfIdle(room);
    }, delay);
  }

  private forgetRetry(id: string): void {
    const retry = this.retries.get(id);
    if (retry?.timer) clearTimeout(retry.timer);
    this.retries.delete(id);
  }

  /** Stores and unloads every room (graceful shutdown). */
  async closeAll(): Promise<void> {
    for (const id of [...this.retries.keys()]) this.forgetRetry(id);
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    await Promise.all(
      rooms.map(async (result) => {
        if (result.status !== 'fulfilled') return;
        try {
          await this.hooks.run('onUnloadDocument', { room: result.value });
        } catch (error) {
          this.retry.logger.error({ err: error, room: result.value.id }, 'room not stored at shutdown');
        }
        result.value.destroy();
      }),
    );
    this.rooms.clear();
  }

  private async load(id: string): Promise<Room> {
    const room = new Room(id, this.hooks, this.retry);
    await this.hooks.run('onLoadDocument', { room });
    return room;
  }
}
