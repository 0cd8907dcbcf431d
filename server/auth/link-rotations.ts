import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';

/** Tells every instance that a room's links were rotated, so each closes the connections it holds. */
export interface LinkRotations {
  announce(roomId: string, generation: number): void;
  close(): Promise<void>;
}

export interface RotationListener {
  /** Another instance (or this one) rotated the room's links to `generation`. */
  rotated(roomId: string, generation: number): void;
  /** Announcements may have been missed (the connection to the broker dropped): check everything. */
  resync(): void;
}

const announcementSchema = z.object({ room: z.string().min(1).max(128), generation: z.number().int().nonnegative() });

/**
 * Rotation announcements over Redis pub/sub on `<prefix>links-rotated`. Pub/sub rather than a stream: a
 * rotation matters only to connections open right now, and storage already refuses old tokens at every
 * new handshake; what a subscriber misses while away, `resync` recovers by checking storage.
 */
export class RedisLinkRotations implements LinkRotations {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channel: string;
  private wasConnected = false;

  constructor(url: string, prefix: string, listener: RotationListener, logger: Logger) {
    this.channel = `${prefix}links-rotated`;
    this.pub = new Redis(url, { maxRetriesPerRequest: null });
    this.sub = new Redis(url, { maxRetriesPerRequest: null });
    for (const connection of [this.pub, this.sub]) {
      connection.on('error', (error) => logger.warn({ err: error.message }, 'link rotation connection'));
    }
    this.sub.on('ready', () => {
      if (this.wasConnected) listener.resync();
      this.wasConnected = true;
    });
    this.sub.subscribe(this.channel).catch((error: Error) => logger.warn({ err: error.message }, 'link rotation subscribe'));
    this.sub.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      try {
        const parsed = announcementSchema.safeParse(JSON.parse(text));
        if (parsed.success) listener.rotated(parsed.data.room, parsed.data.generation);
      } catch {
        logger.warn({ channel }, 'ignored a malformed link rotation announcement');
      }
    });
  }

  announce(roomId: string, generation: number): void {
    void this.pub.publish(this.channel, JSON.stringify({ room: roomId, generation })).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
