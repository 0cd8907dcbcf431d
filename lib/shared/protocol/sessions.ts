import { z } from 'zod';

/**
 * The sessions HTTP API (app/api/sessions): what `POST /api/sessions` answers, and what
 * `GET /api/sessions/<room>/links` and `POST …/rotate` answer. One schema for server, browser and tests.
 */
export const createdSessionSchema = z.object({
  room: z.string(),
  editToken: z.string(),
  viewToken: z.string(),
  editUrl: z.string(),
  viewUrl: z.string(),
});
export type CreatedSession = z.infer<typeof createdSessionSchema>;

export const sessionLinksSchema = createdSessionSchema.pick({ editUrl: true, viewUrl: true });
export type SessionLinks = z.infer<typeof sessionLinksSchema>;
