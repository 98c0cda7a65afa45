import { isoTime } from '~/sandbox/seed/build-context.server';
import type { IdSequence } from '~/sandbox/seed/ids.server';
import { fulfillmentStatusOf } from '~/sandbox/seed/order-totals.server';
import type { GqlObject, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import { holdsOf } from './fulfillment-orders.server';
import { shipParcel, toDraftLine } from './ship-parcel.server';

/*
 * The merchant fulfilling an order in Shopify's admin: every unit still to ship leaves in one
 * parcel, handed to the carrier. As in Shopify, an order whose fulfillment order is on hold cannot
 * be fulfilled until the hold is released; a cancelled one, or one with nothing left, neither.
 */

const list = (value: unknown) => (value ?? []) as GqlObject[];
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Why the order cannot be fulfilled now, in the admin's words, or null. */
export function fulfilRefusal(order: SeedOrder): string | null {
  if (order.cancelledAt) return `${order.name} is cancelled: there is nothing to fulfil.`;
  const holds = holdsOf(order);
  if (holds.length) {
    const why = holds.map((hold) => [hold.displayReason, hold.reasonNotes].filter(Boolean).join(': ')).join('; ');
    return `${order.name} is on hold (${why}). Release the hold before fulfilling it.`;
  }
  if (!list(order.lineItems).some((line) => Number(line.unfulfilledQuantity) > 0 && line.requiresShipping !== false)) return `${order.name} has nothing left to fulfil.`;
  return null;
}

/** Fulfils every unit left, in one parcel with Colissimo; returns the Fulfillment (registered for `node`). The caller checks `fulfilRefusal`. */
export function fulfilOrder(seed: Seed, order: SeedOrder, now: Date, nextId: IdSequence): GqlObject {
  const lines = list(order.lineItems).filter((line) => Number(line.unfulfilledQuantity) > 0 && line.requiresShipping !== false).map(toDraftLine);
  const fulfillment = shipParcel(seed, order, lines, { carrierId: 'colissimo', trackingKey: `order-${order.id}`, now, nextId });
  const at = isoTime(now.getTime());
  const shipped = sum(list(order.fulfillments).flatMap((f) => list(f.fulfillmentLineItems)).map((fli) => Number(fli.quantity)));
  Object.assign(order, {
    displayFulfillmentStatus: fulfillmentStatusOf(sum(list(order.lineItems).map((item) => Number(item.unfulfilledQuantity))), shipped),
    fulfillable: false, updatedAt: at,
  });
  return fulfillment;
}
