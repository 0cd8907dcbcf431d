import { nanoid } from 'nanoid';
import { MAX_NAME_LENGTH, type AwarenessUser } from '../../shared/protocol/awareness';

/**
 * Who this browser is: a stable id, a name the person can change and a colour. Kept in localStorage so a
 * reload or a second session shows the same person; nothing here is secret or verified.
 */

const STORAGE_KEY = 'sparkpad.identity';

// Readable on the dark theme both as a caret and, at low alpha, as a selection background.
export const PEER_COLORS = [
  '#f97316', '#22c55e', '#3b82f6', '#e879f9', '#facc15', '#14b8a6', '#f43f5e', '#a78bfa', '#38bdf8', '#84cc16',
] as const;

const ADJECTIVES = ['Swift', 'Quiet', 'Bright', 'Curious', 'Brave', 'Nimble', 'Calm', 'Clever', 'Lucky', 'Sunny'];
const ANIMALS = ['Otter', 'Falcon', 'Panda', 'Lynx', 'Heron', 'Koala', 'Fox', 'Orca', 'Gecko', 'Badger'];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** A browser's own id, for when the server signed none; never in the verified ids' namespace. */
export function randomIdentity(): AwarenessUser {
  return { id: `local_${nanoid(12)}`, name: `${pick(ADJECTIVES)} ${pick(ANIMALS)}`, color: pick(PEER_COLORS), kind: 'human' };
}

/** Trims and bounds a typed name; null when nothing usable is left. */
export function cleanName(raw: string): string | null {
  const name = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
  return name.length > 0 ? name : null;
}

export function loadIdentity(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): AwarenessUser {
  try {
    const stored = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as Partial<AwarenessUser> | null;
    if (stored && typeof stored.id === 'string' && typeof stored.name === 'string' && typeof stored.color === 'string') {
      const name = cleanName(stored.name);
      if (name && /^#[0-9a-fA-F]{6}$/.test(stored.color)) return { id: stored.id, name, color: stored.color, kind: 'human' };
    }
  } catch {
    // Corrupt or blocked storage: start fresh below.
  }
  const identity = randomIdentity();
  saveIdentity(identity, storage);
  return identity;
}

export function saveIdentity(identity: AwarenessUser, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(identity));
  } catch {
    // Private mode or quota: the name still applies for this page, it just is not remembered.
  }
}
