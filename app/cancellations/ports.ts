/** Shopify's `OrderCancelReason`. */
export type CancelReason = 'CUSTOMER' | 'DECLINED' | 'FRAUD' | 'INVENTORY' | 'OTHER' | 'STAFF';

/** Where the money goes back: the card (or other method) the shopper paid with, or store credit. */
export type CancelRefundMethod = 'original_payment' | 'store_credit';

export type CancelOrderInput = {
  orderId: string;
  reason: CancelReason;
  /** Put the order's units back in stock. */
  restock: boolean;
  /** Shopify emails the shopper its own cancellation notice. */
  notifyCustomer: boolean;
  refundMethod: CancelRefundMethod;
  /** For the store's staff only, never shown to the shopper; Shopify keeps at most 255 characters. */
  staffNote: string | null;
};

/** Why Shopify refused: its `OrderCancelUserError`, with the argument it points at. */
export type ShopifyCancelError = {
  /** `OrderCancelUserErrorCode` (INVALID, NOT_FOUND, NO_REFUND_PERMISSION, …), or JOB_FAILED; null when Shopify gives none. */
  code: string | null;
  /** e.g. `["orderId"]`, `["staffNote"]`; null when it concerns the whole call. */
  field: string[] | null;
  /** Shopify's English message, for logs and agents — never shown to shoppers. */
  message: string;
};

/**
 * `already`: Shopify refused because the order was cancelled before this call — by an earlier
 * attempt whose answer was lost, or by the store — so nothing was done twice.
 */
export type CancelOrderResult = { ok: true; cancelledAt: string; already: boolean } | { ok: false; errors: ShopifyCancelError[] };

/**
 * Cancelling an order in Shopify. A refusal is a value; an outage is an UpstreamError. Shopify
 * refuses a second `orderCancel` on an order already cancelled (or being cancelled), so a retry
 * after an outage never cancels or refunds twice: it comes back as `already` once the order is
 * cancelled, and as an INVALID refusal while the first job still runs.
 */
export interface ShopifyOrderCancel {
  /**
   * `orderCancel`, then polls `job(id:)` until done (bounded: 10 polls with backoff, then a
   * retryable UpstreamError `JOB_PENDING`), then reads the order's `cancelledAt`. A job that ends
   * with the order still not cancelled (shipped meanwhile) is a `JOB_FAILED` refusal.
   * @throws UpstreamError
   */
  cancelOrder(input: CancelOrderInput): Promise<CancelOrderResult>;
}
