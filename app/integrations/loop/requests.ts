import { z } from 'zod';

/*
 * What we send Loop, checked before it leaves: a body Loop would refuse is our bug, reported as
 * `INVALID_REQUEST` without its values (they hold a shopper's zip or email).
 */

export const InitializeDraftBodySchema = z.object({ order_name: z.string().min(1).max(64), secondary_input: z.string().min(1).max(254), is_gift: z.boolean() });
export const DeepLinkBodySchema = z.object({ name: z.string().min(1).max(64), zip: z.string().min(1).max(254), gift: z.boolean() });
/** Loop: "Content is required and must be less than 255 characters." */
export const NoteBodySchema = z.object({ content: z.string().min(1).max(254) });
export const AddReturningItemBodySchema = z.object({
  line_item_id: z.string().min(1), return_reason_id: z.string().min(1).nullable(), quantity: z.number().int().positive(), comment: z.string().max(500).optional(),
});
