/*
 * Holding an order's shipping in Shopify while the team reviews a cancellation: a fulfillment
 * hold on each of its fulfillment orders, under a handle of the case's own, so the team's
 * decision releases exactly the holds the case placed and nobody else's.
 */

/** Our hold's handle on a fulfillment order: unique per case, at most 64 characters (Shopify's limit). */
export const toHoldHandle = (caseId: string) => `comptoir-${caseId}`;

export type HoldOrderInput = { orderId: string; caseId: string; reasonNotes: string };
export type ReleaseOrderInput = { orderId: string; caseId: string };

/** Why Shopify refused a hold or a release: its user error, for logs and agents only. */
export type ShopifyHoldError = { code: string | null; field: string[] | null; message: string };

/** Why nothing could be held: the parcel is being prepared or gone, the order is cancelled, or Shopify said no. */
export type NotHeldReason = 'in_progress' | 'closed' | 'cancelled' | 'no_fulfillment_orders' | 'refused';

export type HoldOrderResult =
  /** `fulfillmentOrderIds`: every fulfillment order our hold is on now; `placed`: how many this call held (0 on a retry). */
  | { held: true; fulfillmentOrderIds: string[]; placed: number }
  | { held: false; reason: NotHeldReason; errors: ShopifyHoldError[] };

export type ReleaseOrderResult = { released: string[]; errors: ShopifyHoldError[] };

/**
 * Fulfillment holds in Shopify. Both calls are idempotent: a hold whose handle is already there
 * counts as held, a release finds nothing left of ours. Refusals are values; outages are UpstreamErrors.
 */
export interface ShopifyFulfillmentHolds {
  /**
   * Places one hold (reason OTHER, handle `comptoir-<caseId>`) on every fulfillment order of the
   * order that can still be held (OPEN, SCHEDULED, or ON_HOLD by someone else).
   * @throws UpstreamError
   */
  holdOrder(input: HoldOrderInput): Promise<HoldOrderResult>;
  /**
   * Releases the case's own holds only (by their ids): another app's or the staff's stay.
   * @throws UpstreamError
   */
  releaseOrder(input: ReleaseOrderInput): Promise<ReleaseOrderResult>;
}
