import { create } from 'zustand';
import type { AwarenessUser } from '../../shared/protocol/awareness';
import { cleanName, loadIdentity, saveIdentity } from './identity';

interface IdentityState {
  /** Null during server rendering and until the browser's stored identity is read. */
  user: AwarenessUser | null;
  load(): AwarenessUser;
  /** Takes the id the server signed for this browser in the open room: the only id awareness may carry. */
  adopt(userId: string): AwarenessUser;
  /** Renames this person; returns false when the name is empty after trimming. */
  rename(raw: string): boolean;
}

export const useIdentityStore = create<IdentityState>((set, get) => ({
  user: null,
  load() {
    const current = get().user;
    if (current) return current;
    const user = loadIdentity();
    set({ user });
    return user;
  },
  adopt(userId) {
    const user = { ...get().load(), id: userId };
    set({ user });
    return user;
  },
  rename(raw) {
    const name = cleanName(raw);
    const current = get().user;
    if (!name || !current) return false;
    const user = { ...current, name };
    saveIdentity(user);
    set({ user });
    return true;
  },
}));
