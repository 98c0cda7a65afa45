import { z } from 'zod';
import { CANCEL_REASONS } from './details';

/** The most lines the page lets a shopper pick among; a longer order is cancelled whole. */
export const CANCEL_PICK_LINES_MAX = 50;

/**
 * What the cancel page posts: the shopper's reason, their words, the key that makes a re-sent form
 * find its case, and, where the policy lets them cancel some items only, the units picked per line.
 */
export const CancelFormSchema = z.object({
  idempotencyKey: z.uuid(),
  reasonId: z.enum(CANCEL_REASONS, 'cancel:errors.reasonRequired'),
  note: z.string().trim().max(1000, 'cancel:errors.noteTooLong').optional(),
  /** Asked only where the policy lets the shopper choose (`shopper_choice`). */
  refundMethod: z.enum(['original_payment', 'store_credit']).optional(),
  /** Units to cancel per line (0 keeps the line); left out, the whole order. */
  lines: z
    .array(z.object({ lineItemId: z.string().min(1).max(200), units: z.number('cancel:errors.unitsInvalid').int('cancel:errors.unitsInvalid').min(0, 'cancel:errors.unitsInvalid').max(999, 'cancel:errors.unitsInvalid') }))
    .max(CANCEL_PICK_LINES_MAX)
    .optional(),
});
export type CancelForm = z.infer<typeof CancelFormSchema>;

/** The form as posted: with the mode the page promised (at once, or a request), which the action checks again. */
export const CancelPostSchema = CancelFormSchema.extend({ mode: z.enum(['instant', 'review']) });
