// lib/browser/settings/: a person's own settings in this browser (model pin, ghost text, theme, font size),
// kept in localStorage, and the hooks that apply them. settings.ts holds the schema and defaults.

import { z } from 'zod';
import { pinSchema } from '../../shared/protocol/ai';

/**
 * A person's settings for every session they open in this browser, kept in localStorage. Stored values
 * are parsed field by field: one bad or outdated field falls back to its default, the others stay.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export const GHOST_TEXT_MODES = ['on', 'snoozed', 'off'] as const;
export const FONT_SIZE = { min: 10, max: 24, default: 14 } as const;
/** How long "snooze" silences ghost text. */
export const SNOOZE_MS = 30 * 60_000;

export const settingsSchema = z.object({
  /** Which model tier Spark uses for this person: auto lets the server's router choose. */
  pin: pinSchema.catch('auto'),
  ghostText: z.enum(GHOST_TEXT_MODES).catch('on'),
  /** Epoch ms when a snooze ends; meaningful while ghostText is 'snoozed'. */
  snoozedUntil: z.number().nullable().catch(null),
  theme: z.enum(THEMES).catch('system'),
  fontSize: z.number().int().min(FONT_SIZE.min).max(FONT_SIZE.max).catch(FONT_SIZE.default),
});
export type Settings = z.infer<typeof settingsSchema>;
export type Theme = Settings['theme'];

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export const SETTINGS_KEY = 'sparkpad.settings';

export function parseSettings(raw: unknown): Settings {
  return settingsSchema.parse(raw && typeof raw === 'object' ? raw : {});
}

export function loadSettings(storage: Pick<Storage, 'getItem'> | null): Settings {
  try {
    const raw = storage?.getItem(SETTINGS_KEY);
    return parseSettings(raw ? JSON.parse(raw) : {});
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function saveSettings(storage: Pick<Storage, 'setItem'> | null, settings: Settings): void {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Storage full or refused (private mode): the settings still apply to this page.
  }
}

/** Whether ghost text may be requested now; a snooze that ran out counts as on. */
export function ghostTextActive(settings: Pick<Settings, 'ghostText' | 'snoozedUntil'>, now: number): boolean {
  if (settings.ghostText === 'off') return false;
  if (settings.ghostText === 'snoozed') return settings.snoozedUntil === null || now >= settings.snoozedUntil;
  return true;
}

/** Editor line height for a font size: about Monaco's own ratio, in whole pixels. */
export function lineHeightFor(fontSize: number): number {
  return Math.round(fontSize * 1.43);
}
