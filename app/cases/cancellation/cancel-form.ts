import { z } from 'zod';
import { CANCEL_REASONS } from './details';

/** What the cancel page posts: the shopper's reason, their words, and the key that makes a re-sent form find its case. */
export const CancelFormSchema = z.object({
  idempotencyKey: z.uuid(),
  reasonId: z.enum(CANCEL_REASONS, 'cancel:errors.reasonRequired'),
  note: z.string().trim().max(1000, 'cancel:errors.noteTooLong').optional(),
  /** Asked only where the policy lets the shopper choose (`shopper_choice`). */
  refundMethod: z.enum(['original_payment', 'store_credit']).optional(),
});
export type CancelForm = z.infer<typeof CancelFormSchema>;

/** The form as posted: with the mode the page promised (at once, or a request), which the action checks again. */
export const CancelPostSchema = CancelFormSchema.extend({ mode: z.enum(['instant', 'review']) });
