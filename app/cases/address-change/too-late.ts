import type { Order } from '~/orders/types';

/** Shopify's statuses once the warehouse has started on the order or handed it over. */
const STARTED = new Set(['FULFILLED', 'PARTIALLY_FULFILLED', 'IN_PROGRESS', 'PENDING_FULFILLMENT']);

export type TooLate = 'cancelled' | 'shipping_started' | 'gone';

/**
 * Why an address the policy allowed must no longer be written, checked on a fresh read right
 * before `orderUpdate`: Shopify itself changes the address of a shipped or cancelled order
 * without a word, so this is the portal's own last check. The window is not checked again: the
 * shopper asked within it.
 */
export function findTooLate(order: Order | null): TooLate | null {
  if (!order) return 'gone';
  if (order.cancelledAt) return 'cancelled';
  const handedOver = order.parcels.some((parcel) => parcel.status !== 'cancelled');
  return handedOver || STARTED.has(order.fulfillmentStatus) ? 'shipping_started' : null;
}
