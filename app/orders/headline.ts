import type { Order, Parcel } from './types';

/** The one sentence at the top of the order page; `key` is an i18n key under `orders:headline`. */
export type Headline =
  | { key: 'cancelled'; date: string }
  | { key: 'digital' }
  | { key: 'deliveryProblem' }
  | { key: 'delivered'; date: string }
  | { key: 'outForDelivery' }
  | { key: 'partlyShipped'; shipped: number; total: number }
  | { key: 'onItsWay'; date: string | null }
  | { key: 'preparing' };

export type ItemCounts = { total: number; shipped: number; unshipped: number };

/** Counts units that travel in a parcel: gift cards and other non-shipping lines are left out. */
export function countShippableItems(order: Order): ItemCounts {
  let total = 0;
  let unshipped = 0;
  for (const line of order.lineItems) {
    if (!line.requiresShipping || line.isGiftCard) continue;
    total += line.currentQuantity;
    unshipped += Math.min(line.unfulfilledQuantity, line.currentQuantity);
  }
  return { total, shipped: total - unshipped, unshipped };
}

export function activeParcels(order: Order): Parcel[] {
  return order.parcels.filter((parcel) => parcel.status !== 'cancelled');
}

const latest = (dates: (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);

export function getOrderHeadline(order: Order): Headline {
  if (order.cancelledAt) return { key: 'cancelled', date: order.cancelledAt.toISOString() };
  const counts = countShippableItems(order);
  if (counts.total === 0) return { key: 'digital' };
  const parcels = activeParcels(order);
  if (parcels.some((p) => p.status === 'attempted_delivery' || p.status === 'failure')) {
    return { key: 'deliveryProblem' };
  }
  const allDelivered = parcels.length > 0 && parcels.every((p) => p.status === 'delivered');
  if (counts.unshipped === 0 && allDelivered) {
    const date = latest(parcels.map((p) => p.deliveredAt)) ?? order.createdAt;
    return { key: 'delivered', date: date.toISOString() };
  }
  if (parcels.some((p) => p.status === 'out_for_delivery')) return { key: 'outForDelivery' };
  if (counts.shipped > 0 && counts.unshipped > 0) {
    return { key: 'partlyShipped', shipped: counts.shipped, total: counts.total };
  }
  if (counts.shipped > 0) {
    const eta = latest(parcels.filter((p) => p.status !== 'delivered').map((p) => p.estimatedDeliveryAt));
    return { key: 'onItsWay', date: eta?.toISOString() ?? null };
  }
  return { key: 'preparing' };
}
