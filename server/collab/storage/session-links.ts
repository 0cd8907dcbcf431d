import { customAlphabet } from 'nanoid';
import type { CreatedSession, SessionLinks as Links } from '../../../lib/shared/protocol/sessions';
import type { TokenSigner } from '../../auth/tokens';
import type { Storage } from './storage';

// 22 characters of a 64-symbol URL-safe alphabet: 132 bits, unguessable.
const newRoomId = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-', 22);

/** Creates rooms and the owner, edit and view-only links that open them. */
export class SessionLinks {
  constructor(
    private readonly storage: Storage,
    private readonly signer: TokenSigner,
  ) {}

  /**
   * A new room holding `firstUpdate` (the starter file, or an imported workspace) from its first load.
   * It is stored before any link exists, so no member can see the room without it.
   */
  async create(origin: string, firstUpdate: Uint8Array): Promise<CreatedSession> {
    const room = await this.storage.createRoom(newRoomId());
    await this.storage.appendUpdates(room.id, [firstUpdate]);
    const ownerToken = this.signer.issue(room.id, 'owner');
    return { ...this.linksFor(room.id, room.linkGeneration, origin), ownerToken, ownerUrl: linkUrl(origin, room.id, ownerToken) };
  }

  /** Links of the current generation for a room; null when the room is unknown. */
  async current(roomId: string, origin: string): Promise<Links | null> {
    const room = await this.storage.getRoom(roomId);
    return room ? this.linksFor(room.id, room.linkGeneration, origin) : null;
  }

  /** Replaces both share links; holders of the old ones are refused from now on. */
  async rotate(roomId: string, origin: string): Promise<{ links: Links; generation: number }> {
    const room = await this.storage.rotateLinks(roomId);
    return { links: this.linksFor(room.id, room.linkGeneration, origin), generation: room.linkGeneration };
  }

  private linksFor(room: string, generation: number, origin: string): Links {
    const editToken = this.signer.issue(room, 'edit', generation);
    const viewToken = this.signer.issue(room, 'view', generation);
    return { room, editToken, viewToken, editUrl: linkUrl(origin, room, editToken), viewUrl: linkUrl(origin, room, viewToken) };
  }
}

/** The token rides in the fragment, so it never reaches server logs or referrers. */
function linkUrl(origin: string, room: string, token: string): string {
  return `${origin}/s/${room}#k=${token}`;
}
