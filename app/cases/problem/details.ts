import { z } from 'zod';
import { PROBLEM_TYPES } from '~/policy/problems';
import { PROBLEM_OFFERS } from '~/policy/problems-schema';
import { CaseReasonSchema } from '../cancellation/details';
import { MoneySchema } from '../return/details';

/*
 * What a problem report holds beyond the envelope (`cases.details`): the parcel as the shopper saw
 * it when reporting, the items concerned, their words and photos, and the policy's offer then. The
 * envelope's policy version says which policy made the offer.
 */

/** Longest description a shopper may write. */
export const PROBLEM_DESCRIPTION_MAX = 2000;
/** The most photos one report keeps (the policy asks for at most 10). */
export const PROBLEM_PHOTOS_MAX = 10;

export const ProblemParcelSchema = z.object({
  id: z.string().min(1).max(200),
  carrier: z.string().max(200).nullable(),
  trackingNumber: z.string().max(200).nullable(),
  trackingUrl: z.string().max(2000).nullable(),
  /** The carrier's status when the report was made (`failure`, `delivered`…). */
  status: z.string().max(50),
});
export type ProblemParcel = z.infer<typeof ProblemParcelSchema>;

export const ProblemDetailsSchema = z.object({
  type: z.enum(PROBLEM_TYPES),
  parcel: ProblemParcelSchema,
  /** The units concerned: the whole parcel's for a parcel report, the shopper's choice for items. */
  lines: z.array(z.object({ lineItemId: z.string().min(1), title: z.string(), variantTitle: z.string().nullable(), quantity: z.number().int().positive() })).min(1),
  description: z.string().max(PROBLEM_DESCRIPTION_MAX).nullable(),
  /** Kept photos (app/photos), in the order they were added. */
  photoIds: z.array(z.string().max(100)).max(PROBLEM_PHOTOS_MAX),
  offer: z.object({
    outcome: z.enum(PROBLEM_OFFERS),
    /** Refunded or credited: only for those outcomes. */
    amount: MoneySchema.nullable(),
    /** What the reported goods cost. */
    value: MoneySchema,
    clauseId: z.string(),
    /** Why a person decides (empty unless the outcome is `review`). */
    reviewReasons: z.array(CaseReasonSchema),
    /**
     * For a `review`: what the rule itself offers, carried out if the team approves on the agent
     * page (the amount as the policy computes it). Null when the rule only ever reviews (a question),
     * absent on reports opened before the portal carried offers out.
     */
    onApproval: z.object({ outcome: z.enum(['reship', 'refund', 'store_credit']), amount: MoneySchema.nullable() }).nullish(),
  }),
});
export type ProblemDetails = z.infer<typeof ProblemDetailsSchema>;
