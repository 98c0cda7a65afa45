import { toZonedDate } from '~/policy/zoned-date';
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
  /** Every estimate given has passed: the latest one, so the shopper knows when it was due. */
  | { key: 'runningLate'; date: string }
  | { key: 'packed' }
  | { key: 'preparing' };

export type ItemCounts = { total: number; shipped: number; unshipped: number };

/** Lines that travel in a box: gift cards and other digital lines never do. */
const shippableLineIds = (order: Order) =>
  new Set(order.lineItems.filter((line) => line.requiresShipping && !line.isGiftCard).map((line) => line.id));

/**
 * Parcels a shopper waits for: not cancelled, and carrying at least one physical item (Shopify
 * also "fulfils" digital gift cards, without any parcel).
 */
export function physicalParcels(order: Order): Parcel[] {
  const shippable = shippableLineIds(order);
  return order.parcels.filter(
    (parcel) => parcel.status !== 'cancelled' && parcel.lines.some((line) => shippable.has(line.lineItemId)),
  );
}

/**
 * Units shipped are counted from the parcels themselves; units still to ship from Shopify's
 * unfulfilled quantities, less refunded ones. Returns and refunds after delivery change neither.
 */
export function countShippableItems(order: Order): ItemCounts {
  const shippable = shippableLineIds(order);
  const shipped = physicalParcels(order)
    .flatMap((parcel) => parcel.lines)
    .filter((line) => shippable.has(line.lineItemId))
    .reduce((sum, line) => sum + line.quantity, 0);
  const unshipped = order.lineItems
    .filter((line) => shippable.has(line.id))
    .reduce((sum, line) => sum + Math.min(line.unfulfilledQuantity, line.currentQuantity), 0);
  return { total: shipped + unshipped, shipped, unshipped };
}

const latest = (dates: (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);

/** `clock` (the time now and the store's zone) lets a past estimate read as late, not as due. */
export function getOrderHeadline(order: Order, clock?: { now: Date; timeZone: string }): Headline {
  if (order.cancelledAt) return { key: 'cancelled', date: order.cancelledAt.toISOString() };
  if (shippableLineIds(order).size === 0) return { key: 'digital' };
  const counts = countShippableItems(order);
  const parcels = physicalParcels(order);
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
  if (counts.shipped > 0 && parcels.every((p) => p.status === 'label_created')) return { key: 'packed' };
  if (counts.shipped > 0) {
    const eta = latest(parcels.filter((p) => p.status !== 'delivered').map((p) => p.estimatedDeliveryAt));
    if (eta && clock && toZonedDate(eta, clock.timeZone) < toZonedDate(clock.now, clock.timeZone)) {
      return { key: 'runningLate', date: eta.toISOString() };
    }
    return { key: 'onItsWay', date: eta?.toISOString() ?? null };
  }
  return { key: 'preparing' };
}
