/**
 * What this browser keeps per room in localStorage: the owner link's token (only in the browser that
 * created the room), the identity the server signed for this browser in the room, and whether the room's
 * local copy holds edits the server has not seen. Storage may be blocked or full; then nothing is
 * remembered and the page still works for this visit.
 */
type Kind = 'owner' | 'identity' | 'unsent';

/** The localStorage key; exported for the inline script that runs before the page's modules. */
export const key = (kind: Kind, room: string) => `sparkpad.${kind}.${room}`;

export function remembered(kind: Kind, room: string, storage: Pick<Storage, 'getItem'> = localStorage): string | null {
  try {
    return storage.getItem(key(kind, room));
  } catch {
    return null;
  }
}

export function remember(kind: Kind, room: string, value: string, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(key(kind, room), value);
  } catch {
    // Private mode or quota: remembered for this page only, through the stores.
  }
}

export function forget(kind: Kind, room: string, storage: Pick<Storage, 'removeItem'> = localStorage): void {
  try {
    storage.removeItem(key(kind, room));
  } catch {
    // Blocked storage held nothing to forget.
  }
}
