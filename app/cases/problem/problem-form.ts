import { z } from 'zod';
import { PROBLEM_TYPES } from '~/policy/problems';
import { PROBLEM_PHOTOS_MAX } from './details';

/*
 * What the problem page posts. Step 2 (`review`: check the details and show the offer, or stay
 * with a photo removed) and step 3 (`confirm`, or `edit` to go back) carry the same answers, so
 * a page drawn from a post loses nothing. Every answer is decided again by the server.
 */

const LineAnswerSchema = z.object({
  lineItemId: z.string().min(1).max(200),
  selected: z.boolean().optional(),
  quantity: z.number().int().min(1).max(999).optional(),
});

const answers = {
  parcelId: z.string().min(1).max(200),
  type: z.enum(PROBLEM_TYPES),
  idempotencyKey: z.uuid(),
  // Its length is the domain's check (with the words kept on the page), up to the field's cap.
  description: z.string().max(8192).optional(),
  lines: z.array(LineAnswerSchema).max(100).optional(),
  /** Photos already taken for this report: pending keys of this session. */
  photoKeys: z.array(z.string().min(1).max(100)).max(PROBLEM_PHOTOS_MAX).optional(),
};

export const PROBLEM_INTENTS = { review: 'review', edit: 'edit', confirm: 'confirm' } as const;

export const ProblemPostSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal(PROBLEM_INTENTS.review), ...answers, removePhoto: z.string().max(100).optional() }),
  z.object({ intent: z.literal(PROBLEM_INTENTS.edit), ...answers }),
  z.object({ intent: z.literal(PROBLEM_INTENTS.confirm), ...answers }),
]);
export type ProblemPost = z.infer<typeof ProblemPostSchema>;

/** The page's query: `?parcel=` preselects a parcel (the order page links one per parcel), `&type=` opens step 2. */
export const ProblemQuerySchema = z.object({
  parcel: z.string().min(1).max(200).nullable().catch(null),
  type: z.enum(PROBLEM_TYPES).nullable().catch(null),
});
