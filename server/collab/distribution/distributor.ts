// server/collab/distribution/: how instances of a cluster exchange a room's updates and presence: the
// Distributor interface (this file) and its Redis Streams implementation.
/** Marks document updates and awareness changes that came from another instance: never published again. */
export const FROM_PEERS = Symbol('from-peers');

/** What instances exchange about a room: Yjs document updates and y-protocols awareness updates. */
export interface RoomMessage {
  kind: 'update' | 'awareness';
  data: Uint8Array;
}

/** Where a followed room's messages go. */
export interface RoomFeed {
  /** Messages in publication order; the first call carries what the broker retained before follow(). */
  onMessages(messages: RoomMessage[]): void;
  /**
   * Messages may have been lost (the broker trimmed them while this instance was cut off): reload the
   * room from storage, which holds everything older than the broker's retention. The distributor then
   * delivers what it retained after the last message this instance saw.
   */
  onGap(): Promise<void>;
}

export interface Following {
  stop(): void;
}

/**
 * Carries a room's updates and presence between the instances that have it loaded (the seam between
 * DistributionExtension and a broker; redis-distributor.ts implements it over Redis Streams).
 */
export interface Distributor {
  /** Sends to every other instance following the room; in order, and retried until the broker has it. */
  publish(roomId: string, message: RoomMessage): void;
  /** Resolves once the retained backlog is delivered; from then on delivers what others publish, until stop(). */
  follow(roomId: string, feed: RoomFeed): Promise<Following>;
  close(): Promise<void>;
}
