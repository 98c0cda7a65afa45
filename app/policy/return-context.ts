import type { Money } from '~/orders/types';

/**
 * What the return policy engine decides on: the order's returnable units as Shopify counts
 * them (`returnableFulfillments`, so units already returned or in a return are never offered
 * again), with the product facts the policy's exclusions look at. Read by the Shopify adapter
 * when a shopper starts a return; the customer's history comes from Comptoir's own cases.
 */
export type ReturnableLine = {
  lineItemId: string;
  /** What Shopify's returnRequest/returnCreate take, not the line item id. */
  fulfillmentLineItemId: string;
  fulfillmentId: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  productId: string | null;
  /** The variant bought: an exchange offers the product's others. Null once deleted from the shop. */
  variantId: string | null;
  productTags: string[];
  productType: string | null;
  vendor: string | null;
  isGiftCard: boolean;
  /** Price actually paid per unit, after discounts, in the order's currency. */
  unitPrice: Money;
  /** Units of this fulfillment line that can still be returned. */
  returnableQuantity: number;
  /** When the parcel carrying it was delivered, if the carrier said so. */
  deliveredAt: Date | null;
  /** When it was fulfilled (handed to the carrier). */
  fulfilledAt: Date;
  image: { url: string; altText: string | null } | null;
};

export type ReturnContext = {
  orderId: string;
  orderName: string;
  orderCreatedAt: Date;
  orderTotal: Money;
  /** ISO 3166-1 alpha-2 of the shipping address, for the EU/UK guardrail. */
  shippingCountryCode: string | null;
  lines: ReturnableLine[];
  /** When Shopify was read; returns opened after it are not in `returnableQuantity` yet. */
  readAt?: Date;
};

/** The shopper's earlier returns, from Comptoir's cases: used by auto-approval limits. */
export type CustomerReturnHistory = { returnRequestedAt: Date[] };
