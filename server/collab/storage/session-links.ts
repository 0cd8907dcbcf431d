import { customAlphabet } from 'nanoid';
import type { TokenSigner } from '../../auth/tokens';
import type { CreatedSession } from '../../services';
import type { Storage } from './storage';

// 22 characters of a 64-symbol URL-safe alphabet: 132 bits, unguessable.
const newRoomId = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-', 22);

/** Creates rooms and the edit and view-only links that open them. */
export class SessionLinks {
  constructor(
    private readonly storage: Storage,
    private readonly signer: TokenSigner,
  ) {}

  async create(origin: string): Promise<CreatedSession> {
    const room = await this.storage.createRoom(newRoomId());
    return this.linksFor(room.id, room.linkGeneration, origin);
  }

  /** Links of the current generation for a room; null when the room is unknown. */
  async current(roomId: string, origin: string): Promise<CreatedSession | null> {
    const room = await this.storage.getRoom(roomId);
    return room ? this.linksFor(room.id, room.linkGeneration, origin) : null;
  }

  /** Replaces both links; holders of the old ones are refused from now on. */
  async rotate(roomId: string, origin: string): Promise<CreatedSession> {
    const room = await this.storage.rotateLinks(roomId);
    return this.linksFor(room.id, room.linkGeneration, origin);
  }

  private linksFor(room: string, generation: number, origin: string): CreatedSession {
    const editToken = this.signer.issue(room, 'edit', generation);
    const viewToken = this.signer.issue(room, 'view', generation);
    return {
      room,
      editToken,
      viewToken,
      editUrl: `${origin}/s/${room}#k=${editToken}`,
      viewUrl: `${origin}/s/${room}#k=${viewToken}`,
    };
  }
}
