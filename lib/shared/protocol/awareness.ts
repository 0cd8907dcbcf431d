import { z } from 'zod';

/**
 * The awareness state every peer publishes over y-protocols awareness: people in browsers and the Spark
 * peer on the server alike. Remote states are parsed with this schema before they are drawn, so a peer
 * that sends something else is ignored instead of breaking the page.
 */

const idSchema = z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() });

/** `Y.relativePositionToJSON` output: anchored to an item (or to the type's start/end). */
export const relativePositionJsonSchema = z.object({
  type: idSchema.optional(),
  tname: z.string().optional(),
  item: idSchema.optional(),
  assoc: z.number().int().optional(),
});
export type RelativePositionJSON = z.infer<typeof relativePositionJsonSchema>;

export const peerKindSchema = z.enum(['human', 'spark']);
export type PeerKind = z.infer<typeof peerKindSchema>;

/** Colours become CSS; only `#rrggbb` is accepted so a peer cannot inject style text. */
export const PEER_COLOR = /^#[0-9a-fA-F]{6}$/;
export const peerColorSchema = z.string().regex(PEER_COLOR);

export const MAX_NAME_LENGTH = 40;

export const MAX_USER_ID_LENGTH = 64;

export const awarenessUserSchema = z.object({
  id: z.string().min(1).max(MAX_USER_ID_LENGTH),
  name: z.string().min(1).max(MAX_NAME_LENGTH),
  color: peerColorSchema,
  kind: peerKindSchema,
});
export type AwarenessUser = z.infer<typeof awarenessUserSchema>;

/** Spark, the AI member of every room, as it appears in presence, cursors and the chat. */
export const SPARK_USER = { id: 'spark', name: 'Spark', color: '#f5a524', kind: 'spark' } as const satisfies AwarenessUser;

export const awarenessSelectionSchema = z.object({
  /** Where the selection started; equals head for a bare cursor. */
  anchor: relativePositionJsonSchema,
  /** Where the caret is: the name label is drawn here. */
  head: relativePositionJsonSchema,
});
export type AwarenessSelection = z.infer<typeof awarenessSelectionSchema>;

export const awarenessStateSchema = z.object({
  user: awarenessUserSchema,
  /** Path of the open file (a key of the `files` map), null when none is open. */
  file: z.string().nullable(),
  /** Positions on that file's Y.Text; null when the peer has no caret in it. */
  selection: awarenessSelectionSchema.nullable(),
});
export type AwarenessState = z.infer<typeof awarenessStateSchema>;

/** A remote state as the UI sees it: parsed, with the awareness client id it came from. */
export interface Peer extends AwarenessState {
  clientId: number;
  isLocal: boolean;
}

/** Parses every state of an awareness map; states that do not match the schema are skipped. */
export function parsePeers(states: Map<number, unknown>, localClientId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, raw] of states) {
    const parsed = awarenessStateSchema.safeParse(raw);
    if (parsed.success) peers.push({ ...parsed.data, clientId, isLocal: clientId === localClientId });
  }
  return peers;
}
