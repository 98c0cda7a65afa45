/** Comptoir's own picture of a Shopify order: what the portal needs, parsed once at the adapter. */

export type Money = { amount: string; currencyCode: string };

export type Address = {
  firstName: string | null;
  lastName: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  provinceCode: string | null;
  countryCode: string | null;
  zip: string | null;
  phone: string | null;
};

export type LineItem = {
  id: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  /** Units still on the order: excludes refunded and removed ones. */
  currentQuantity: number;
  unfulfilledQuantity: number;
  requiresShipping: boolean;
  isGiftCard: boolean;
  image: { url: string; altText: string | null } | null;
  /** One unit's price: what was paid for it where the order query read it (`paidUnitPrice`), else its list price. */
  unitPrice: Money;
  /**
   * One unit's price after every discount (Shopify's `discountedUnitPriceAfterAllDiscountsSet`):
   * what a refund of it gives back, before taxes a tax-exclusive store adds. Read by the order
   * query only (the customer's order list reads list prices); left out, no amount is promised
   * for part of an order.
   */
  paidUnitPrice?: Money;
};

export type ParcelStatus =
  | 'label_created'
  | 'confirmed'
  | 'in_transit'
  | 'out_for_delivery'
  | 'delivered'
  | 'attempted_delivery'
  | 'delayed'
  | 'ready_for_pickup'
  | 'failure'
  | 'cancelled';

export type TrackingEvent = {
  status: ParcelStatus;
  happenedAt: Date;
  message: string | null;
  location: string | null;
};

export type Parcel = {
  id: string;
  status: ParcelStatus;
  createdAt: Date;
  deliveredAt: Date | null;
  estimatedDeliveryAt: Date | null;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** Oldest first. */
  events: TrackingEvent[];
  lines: { lineItemId: string; quantity: number }[];
};

export type Order = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  createdAt: Date;
  /** When the order counts as placed (differs from createdAt for imported orders). */
  processedAt: Date;
  cancelledAt: Date | null;
  /** Shopify closes an order once it is paid and fulfilled, or cancelled. */
  closed: boolean;
  tags: string[];
  /** Received minus refunded, in the order's currency. */
  netPayment: Money;
  financialStatus: string | null;
  fulfillmentStatus: string;
  total: Money;
  shippingAddress: Address | null;
  lineItems: LineItem[];
  parcels: Parcel[];
  /** Shopify's returns of this order, newest first: the portal's own and those made elsewhere. */
  returns: StoreReturn[];
};

export type StoreReturnStatus = 'requested' | 'open' | 'closed' | 'declined' | 'cancelled';

/** A return as Shopify holds it, whoever opened it: the store's admin, another app or Comptoir. */
export type StoreReturn = {
  id: string;
  /** Shopify's own name for it, such as "#1011-R1". */
  name: string;
  status: StoreReturnStatus;
  createdAt: Date;
  closedAt: Date | null;
  lines: { lineItemId: string; quantity: number }[];
  /** Replacement items when the return is an exchange. */
  exchanges: { title: string; variantTitle: string | null; quantity: number }[];
  /** What the store refunded for it so far; null when nothing was refunded yet. */
  refunded: Money | null;
};
