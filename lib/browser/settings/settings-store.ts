'use client';

import { create } from 'zustand';
import type { RoomDefaults } from '../../shared/protocol/room-defaults';
import { SETTINGS_KEY, SNOOZE_MS, effectiveSettings, loadOwnSettings, saveOwnSettings, type Settings } from './settings';

interface SettingsState extends Settings {
  /** What the person chose themselves (the rest comes from `room`, then the built-in defaults). */
  own: Partial<Settings>;
  /** The open room's defaults, set by its owner. */
  room: RoomDefaults;
  /** Reads the stored settings again (another tab changed them). */
  load(): void;
  update(patch: Partial<Settings>): void;
  /** Silences ghost text for SNOOZE_MS from now. */
  snooze(now?: number): void;
  setRoomDefaults(room: RoomDefaults): void;
}

const storage = () => (typeof window === 'undefined' ? null : window.localStorage);

// Read at once in the browser: the first frame of the editor already has the person's font and theme.
const initialOwn = typeof window === 'undefined' ? {} : loadOwnSettings(storage());

export const useSettingsStore = create<SettingsState>((set, get) => ({
  ...effectiveSettings(initialOwn, {}),
  own: initialOwn,
  room: {},
  load() {
    const own = loadOwnSettings(storage());
    set({ ...effectiveSettings(own, get().room), own });
  },
  update(patch) {
    const own = { ...get().own, ...patch };
    saveOwnSettings(storage(), own);
    set({ ...effectiveSettings(own, get().room), own });
  },
  snooze(now = Date.now()) {
    get().update({ ghostText: 'snoozed', snoozedUntil: now + SNOOZE_MS });
  },
  setRoomDefaults(room) {
    set({ ...effectiveSettings(get().own, room), room });
  },
}));

// Another tab of this browser changed them: follow, so one person's pages agree.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === null || event.key === SETTINGS_KEY) useSettingsStore.getState().load();
  });
}
