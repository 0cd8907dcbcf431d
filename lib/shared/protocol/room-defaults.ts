import { z } from 'zod';
import { pinSchema } from './ai';

/**
 * A room's defaults, chosen by its owner: what a person gets for each setting they have not chosen
 * themselves (their own choice, kept in their browser, always wins). Stored by the server beside the room.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export const GHOST_TEXT_MODES = ['on', 'snoozed', 'off'] as const;
export const FONT_SIZE = { min: 10, max: 24, default: 14 } as const;
/** When Ask Spark proposes a change to the room instead of typing it: for rewrites of many lines, always, or never. */
export const PROPOSE_MODES = ['large', 'always', 'never'] as const;
/** Who may accept or reject a proposal: only the person who asked for it, or any editor of the room. */
export const PROPOSAL_REVIEWERS = ['asker', 'editors'] as const;
export type ProposalReviewers = (typeof PROPOSAL_REVIEWERS)[number];

export const roomDefaultsSchema = z
  .object({
    pin: pinSchema,
    /** Snoozing is a person's own moment, not a room's default. */
    ghostText: z.enum(['on', 'off']),
    theme: z.enum(THEMES),
    fontSize: z.number().int().min(FONT_SIZE.min).max(FONT_SIZE.max),
    propose: z.enum(PROPOSE_MODES),
    /** A rule of the room rather than a default: the server applies it to every proposal's accept and reject. */
    proposalReviewers: z.enum(PROPOSAL_REVIEWERS),
  })
  .partial()
  .strict();
export type RoomDefaults = z.infer<typeof roomDefaultsSchema>;

/** Reads stored defaults leniently: a field that no longer parses is dropped, the others stay. */
export function parseRoomDefaults(raw: unknown): RoomDefaults {
  const out: Record<string, unknown> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [key, field] of Object.entries(roomDefaultsSchema.shape)) {
    const parsed = field.safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as RoomDefaults;
}
