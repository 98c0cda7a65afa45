import { z } from 'zod';

/*
 * What a return case holds beyond the envelope (`cases.details`): its lines, each with the
 * shopper's reason and the policy's verdict, the refund method and the totals quoted then. An
 * exchange is a return whose line asks for a new item (`outcome: 'exchange'`), not a kind of its own.
 */

/** Money as a case keeps it: a decimal string and its currency. */
export const MoneySchema = z.object({ amount: z.string().regex(/^-?\d+(\.\d+)?$/), currencyCode: z.string().length(3) });

/** The new item an exchange line asks for, as offered when the case was sent. */
export const CaseExchangeSchema = z.object({
  productId: z.string().min(1),
  variantId: z.string().min(1),
  productTitle: z.string(),
  variantTitle: z.string(),
  /** The new item's picture as the shop showed it; absent from cases sent before pictures were kept. */
  image: z.object({ url: z.string(), altText: z.string().nullable() }).nullable().optional(),
  /** The new item's price per unit. */
  unitPrice: MoneySchema,
  /** How the price difference of all the line's units is settled, and how much (never negative). */
  settle: z.enum(['none', 'refund', 'store_credit', 'kept', 'invoice']),
  difference: MoneySchema,
  /** Units the shop had for sale when the case was sent; null when it does not track stock. */
  stockLeft: z.number().int().nullable(),
  /** When the new item ships: at once, once the return is on its way, or once it is received. */
  ships: z.enum(['now', 'in_transit', 'received']),
  clauseId: z.string(),
});
export type CaseExchange = z.infer<typeof CaseExchangeSchema>;

export const CaseLineSchema = z.object({
  fulfillmentLineItemId: z.string().min(1),
  lineItemId: z.string().min(1),
  title: z.string(),
  quantity: z.number().int().positive(),
  reasonId: z.string().min(1),
  note: z.string().max(2000).nullable(),
  /** What the shopper asked for. */
  outcome: z.enum(['refund', 'store_credit', 'exchange']),
  /** Ids of `case_photos` rows. */
  photoIds: z.array(z.string()),
  /** The policy's verdict for this line, and the clauses it rests on. */
  decision: z.enum(['approved', 'declined', 'needs_review']),
  clauseIds: z.array(z.string()),
  /** With `outcome: 'exchange'`: the new item. */
  exchange: CaseExchangeSchema.optional(),
});
export type CaseLine = z.infer<typeof CaseLineSchema>;

export const CaseTotalsSchema = z.object({
  itemsSubtotal: MoneySchema,
  fees: MoneySchema,
  estimatedRefund: MoneySchema,
});
export type CaseTotals = z.infer<typeof CaseTotalsSchema>;

export const RefundMethodSchema = z.enum(['original_payment', 'store_credit']);
export type RefundMethod = z.infer<typeof RefundMethodSchema>;

export const ReturnDetailsSchema = z.object({
  lines: z.array(CaseLineSchema).min(1),
  refundMethod: RefundMethodSchema.nullable(),
  totals: CaseTotalsSchema,
  /**
   * The shopper keeps the items (the policy's `keepItem`: worth less than the way back): nothing
   * to send, so no label. Absent (cases saved before this was kept) means the items go back.
   */
  keepItems: z.boolean().optional(),
});
export type ReturnDetails = z.infer<typeof ReturnDetailsSchema>;
