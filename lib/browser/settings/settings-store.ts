'use client';

import { create } from 'zustand';
import { DEFAULT_SETTINGS, SETTINGS_KEY, SNOOZE_MS, loadSettings, saveSettings, type Settings } from './settings';

interface SettingsState extends Settings {
  /** Reads the stored settings again (another tab changed them). */
  load(): void;
  update(patch: Partial<Settings>): void;
  /** Silences ghost text for SNOOZE_MS from now. */
  snooze(now?: number): void;
}

const storage = () => (typeof window === 'undefined' ? null : window.localStorage);

export const useSettingsStore = create<SettingsState>((set, get) => ({
  // Read at once in the browser: the first frame of the editor already has the person's font and theme.
  ...(typeof window === 'undefined' ? DEFAULT_SETTINGS : loadSettings(storage())),
  load() {
    set(loadSettings(storage()));
  },
  update(patch) {
    set(patch);
    const { pin, ghostText, snoozedUntil, theme, fontSize } = get();
    saveSettings(storage(), { pin, ghostText, snoozedUntil, theme, fontSize });
  },
  snooze(now = Date.now()) {
    get().update({ ghostText: 'snoozed', snoozedUntil: now + SNOOZE_MS });
  },
}));

// Another tab of this browser changed them: follow, so one person's pages agree.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === null || event.key === SETTINGS_KEY) useSettingsStore.getState().load();
  });
}
