import { z } from 'zod';

/**
 * The sessions HTTP API (server/http/sessions-api.ts): what `POST /api/sessions` answers, what
 * `GET /api/sessions/<room>/links`, `POST …/rotate` and `POST …/identity` answer. One schema for server,
 * browser and tests.
 */
export const sessionLinksSchema = z.object({
  room: z.string(),
  editToken: z.string(),
  viewToken: z.string(),
  editUrl: z.string(),
  viewUrl: z.string(),
});
export type SessionLinks = z.infer<typeof sessionLinksSchema>;

/**
 * A new room, for its creator only: the share links and the owner link, which can reset the share links
 * and change the room's settings, and does not age when they are reset. The creator's browser keeps it.
 */
export const createdSessionSchema = sessionLinksSchema.extend({
  ownerToken: z.string(),
  ownerUrl: z.string(),
});
export type CreatedSession = z.infer<typeof createdSessionSchema>;

/** `POST /api/sessions/<room>/identity` asks with `{ identity? }` and gets the identity to use from now on. */
/** Every id the server signs starts so; nobody without a signed identity may present one like it. */
export const VERIFIED_USER_ID_PREFIX = 'u_';

export const identityRequestSchema = z.object({ identity: z.string().max(512).optional() });
export const issuedIdentitySchema = z.object({ userId: z.string(), identity: z.string() });
export type IssuedIdentityBody = z.infer<typeof issuedIdentitySchema>;

/** Every refusal of the sessions API: the reason's name and a sentence for people. */
export const apiRefusalSchema = z.object({ error: z.string(), message: z.string() });
