/**
 * The smallest view of a socket a room needs. Rooms and sessions never import `ws`, so tests can hand
 * them an in-memory pair.
 */
export interface Transport {
  isOpen(): boolean;
  send(data: Uint8Array): void;
  /** Bytes sent but not yet taken by the peer (0 for transports that do not buffer). */
  backlogBytes(): number;
  close(code: number, reason: string): void;
}
