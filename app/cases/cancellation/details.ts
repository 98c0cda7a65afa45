import { z } from 'zod';
import { MoneySchema, RefundMethodSchema } from '../return/details';

/*
 * What a cancellation case holds beyond the envelope (`cases.details`): the whole order's units
 * still to ship, the shopper's reason, and the policy's verdict when the case was opened — at once
 * or for the team to review, the clause, and the refund it promised.
 */

/** Why the shopper cancels: for the team's ticket and its tags, never a condition of the verdict. */
export const CANCEL_REASONS = ['changed_mind', 'ordered_by_mistake', 'found_elsewhere', 'too_slow', 'wrong_details', 'other'] as const;
export type CancelReasonId = (typeof CANCEL_REASONS)[number];

/** A policy reason as the engine gave it: the locale key, the clause it rests on, and its values. */
export const CaseReasonSchema = z.object({
  key: z.string().min(1),
  clauseId: z.string(),
  facts: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const CancellationDetailsSchema = z.object({
  /** `instant`: cancelled in Shopify as soon as the case is saved; `review`: the team decides. */
  mode: z.enum(['instant', 'review']),
  /**
   * `order`: the whole order (`orderCancel`); `items`: only the units in `lines`, cancelled by a
   * refund of those units (what Shopify does for part of an order). Cases opened before some
   * items could be cancelled are whole-order ones.
   */
  scope: z.enum(['order', 'items']).default('order'),
  clauseId: z.string(),
  reasonId: z.enum(CANCEL_REASONS),
  note: z.string().max(1000).nullable(),
  /** The units the cancellation stops, line by line, as the order had them then (for `items`, the shopper's pick). */
  lines: z.array(z.object({ lineItemId: z.string().min(1), title: z.string(), variantTitle: z.string().nullable(), quantity: z.number().int().positive() })).min(1),
  /** What goes back, as promised on the page: null when the team confirms the amount. */
  refund: z.object({ amount: MoneySchema.nullable(), method: RefundMethodSchema, releasesHold: z.boolean() }),
  restock: z.boolean(),
  notifyCustomer: z.boolean(),
  /** Why a person decides (empty for `instant`). */
  reviewReasons: z.array(CaseReasonSchema),
});
export type CancellationDetails = z.infer<typeof CancellationDetailsSchema>;
