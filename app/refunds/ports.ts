import type { Money } from '~/orders/types';

/** Shopify's restock types the portal uses: CANCEL takes unshipped units off the order (and back to stock), RETURN restocks shipped ones, NO_RESTOCK keeps stock as is. */
export type RefundRestockType = 'CANCEL' | 'NO_RESTOCK' | 'RETURN';

export type RefundRequest = {
  orderId: string;
  lines: { lineItemId: string; quantity: number; restockType: RefundRestockType }[];
  /** null: Shopify's own suggested amount for the lines (suggestedRefund), else this amount. */
  amount: Money | null;
  method: 'original_payment' | 'store_credit';
  /** Names the case, e.g. "Comptoir C-XXXX: …": the case id in it is what makes a retry find the refund already made. */
  note: string;
  /** Shopify emails the shopper its own refund notice. */
  notify: boolean;
};

/**
 * `already`: the order carried a refund whose note names the same case, made by an earlier attempt
 * whose answer was lost, so nothing was refunded twice. A refusal's `code` is the portal's
 * (NO_PAYMENT, CURRENCY_MISMATCH, ABOVE_REFUNDABLE, ORDER_NOT_FOUND) or REFUSED with Shopify's message:
 * `refundCreate`'s userErrors carry no code.
 */
export type RefundResult = { ok: true; refundId: string; amount: Money; already: boolean } | { ok: false; code: string; message: string };

/** Refunding (part of) an order in Shopify. A refusal is a value; an outage is an UpstreamError. */
export type Refunds = {
  refund(request: RefundRequest): Promise<RefundResult>;
};
