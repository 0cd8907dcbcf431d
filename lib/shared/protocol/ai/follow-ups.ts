import { z } from 'zod';
import { followUpSchema } from '../next-edit';
import { aiErrorSchema } from './errors';
import { filePath, requestId } from './fields';

/** Next-edit follow-ups: the edits a person's change makes necessary elsewhere (../next-edit.ts holds what one is). */
export const followUpClientMessages = [
  /**
   * This person just changed `file`: the span [from, to) of its Y.Text read `before` until their change.
   * The server looks for the edits that change makes necessary elsewhere.
   */
  z.object({
    type: z.literal('next-edit:changed'),
    id: requestId,
    file: filePath,
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    before: z.string().max(1000),
    /** What the span reads after the change, so the server knows when its copy has it. */
    after: z.string().max(1000),
  }),
  /** Takes a follow-up on, so nobody else is offered it; refused when someone else has it. */
  z.object({ type: z.literal('next-edit:claim'), id: requestId, followUp: z.string().min(1).max(64) }),
  /** Gives a claimed follow-up back to the room. */
  z.object({ type: z.literal('next-edit:release'), id: requestId, followUp: z.string().min(1).max(64) }),
] as const;

export const followUpServerMessages = [
  /** The room's open follow-ups, every time they change (and once on connecting). */
  z.object({ type: z.literal('next-edit:list'), followUps: z.array(followUpSchema) }),
  /** A claim that was refused; the list says who has it. */
  z.object({ type: z.literal('next-edit:refused'), id: requestId, followUp: z.string(), error: aiErrorSchema }),
] as const;
