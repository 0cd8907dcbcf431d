/**
 * The smallest view of a socket a room needs. Rooms and sessions never import `ws`, so tests can hand
 * them an in-memory pair.
 */
export interface Transport {
  isOpen(): boolean;
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}
