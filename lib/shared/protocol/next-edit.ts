import { z } from 'zod';

/**
 * Next-edit follow-ups on the AI channel (ai/follow-ups.ts carries the messages): the edits elsewhere that a person's
 * change makes necessary (a renamed function's call sites, the arguments of a changed signature). The
 * server holds each room's follow-ups and who claimed which, and sends the whole list to every connection
 * of the room when it changes; offsets are in the file's Y.Text as the server reads it when it sends.
 */

const person = z.object({ userId: z.string().max(200), name: z.string().max(200), color: z.string().max(32) });
export type FollowUpPerson = z.infer<typeof person>;

export const followUpSchema = z.object({
  id: z.string().min(1).max(64),
  file: z.string().min(1).max(512),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  /** What the span reads now; the follow-up applies only while it still does. */
  before: z.string().max(10_000),
  after: z.string().max(10_000),
  kind: z.enum(['rename', 'signature']),
  /** What it does, as a person reads it (`greet → welcome`). */
  title: z.string().max(300),
  /** Whose change made it necessary: the hint follows them across files. */
  author: person,
  /** Who took it on (their Tab jumped there): nobody else is offered it. */
  claimedBy: person.nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** Why a claim was refused. */
export const NEXT_EDIT_REFUSAL = {
  /** Someone else took this follow-up first. */
  ALREADY_CLAIMED: 'ALREADY_CLAIMED',
  /** It was applied, went stale (the text there changed) or was replaced by a newer change. */
  FOLLOW_UP_GONE: 'FOLLOW_UP_GONE',
} as const;
export type NextEditRefusal = keyof typeof NEXT_EDIT_REFUSAL;

export const NEXT_EDIT_REFUSAL_MESSAGES: Record<NextEditRefusal, string> = {
  ALREADY_CLAIMED: 'Someone else is already making this edit.',
  FOLLOW_UP_GONE: 'This edit is no longer needed: the text there changed.',
};
