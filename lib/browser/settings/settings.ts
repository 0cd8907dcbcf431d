// lib/browser/settings/: a person's own settings in this browser (model pin, ghost text, theme, font size),
// kept in localStorage, and the hooks that apply them. settings.ts holds the schema and defaults.

import { z } from 'zod';
import { pinSchema } from '../../shared/protocol/ai';
import { FONT_SIZE, GHOST_TEXT_MODES, PROPOSE_MODES, THEMES, type RoomDefaults } from '../../shared/protocol/room-defaults';

export { FONT_SIZE, GHOST_TEXT_MODES, PROPOSE_MODES, THEMES };

/**
 * A person's settings for every session they open in this browser, kept in localStorage: only the
 * fields they chose, parsed field by field (one bad or outdated field is dropped, the others stay). What
 * they did not choose comes from the room's defaults (set by the room's owner), then the built-in ones.
 */
/** How long "snooze" silences ghost text. */
export const SNOOZE_MS = 30 * 60_000;

const fieldSchemas = {
  /** Which model tier Spark uses for this person: auto lets the server's router choose. */
  pin: pinSchema,
  ghostText: z.enum(GHOST_TEXT_MODES),
  /** Epoch ms when a snooze ends; meaningful while ghostText is 'snoozed'. */
  snoozedUntil: z.number().nullable(),
  theme: z.enum(THEMES),
  fontSize: z.number().int().min(FONT_SIZE.min).max(FONT_SIZE.max),
  /** Whether Ask Spark shows its change to the room as a proposal first, or types it straight in. */
  propose: z.enum(PROPOSE_MODES),
};

export const settingsSchema = z.object({
  pin: fieldSchemas.pin.catch('auto'),
  ghostText: fieldSchemas.ghostText.catch('on'),
  snoozedUntil: fieldSchemas.snoozedUntil.catch(null),
  theme: fieldSchemas.theme.catch('system'),
  fontSize: fieldSchemas.fontSize.catch(FONT_SIZE.default),
  propose: fieldSchemas.propose.catch('large'),
});
export type Settings = z.infer<typeof settingsSchema>;
export type Theme = Settings['theme'];

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export const SETTINGS_KEY = 'sparkpad.settings';

/** The settings as they apply: the person's own choices, then the room's defaults, then the built-in ones. */
export function effectiveSettings(own: Partial<Settings>, room: RoomDefaults): Settings {
  return { ...DEFAULT_SETTINGS, ...room, ...own };
}

/** The fields the person chose themselves; a bad or outdated field is dropped, the others stay. */
export function parseOwnSettings(raw: unknown): Partial<Settings> {
  const out: Record<string, unknown> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [key, schema] of Object.entries(fieldSchemas)) {
    const parsed = schema.safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Partial<Settings>;
}

export function parseSettings(raw: unknown): Settings {
  return effectiveSettings(parseOwnSettings(raw), {});
}

export function loadOwnSettings(storage: Pick<Storage, 'getItem'> | null): Partial<Settings> {
  try {
    const raw = storage?.getItem(SETTINGS_KEY);
    return parseOwnSettings(raw ? JSON.parse(raw) : {});
  } catch {
    return {};
  }
}

export function loadSettings(storage: Pick<Storage, 'getItem'> | null): Settings {
  return effectiveSettings(loadOwnSettings(storage), {});
}

/** Keeps only what the person chose, so a room's defaults apply to everything else. */
export function saveOwnSettings(storage: Pick<Storage, 'setItem'> | null, own: Partial<Settings>): void {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(own));
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

/** A rewrite of at least this many lines is proposed first when the setting says `large`. */
export const PROPOSE_FROM_LINES = 4;

/** Whether an instruction about `lines` lines is sent as a proposal. */
export function proposes(mode: Settings['propose'], lines: number): boolean {
  return mode === 'always' || (mode === 'large' && lines >= PROPOSE_FROM_LINES);
}

/** Editor line height for a font size: about Monaco's own ratio, in whole pixels. */
export function lineHeightFor(fontSize: number): number {
  return Math.round(fontSize * 1.43);
}
