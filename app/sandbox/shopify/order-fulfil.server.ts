import { isoTime, type DraftLine } from '~/sandbox/seed/build-context.server';
import { CARRIERS } from '~/sandbox/seed/carriers.server';
import type { IdSequence } from '~/sandbox/seed/ids.server';
import { toFulfillmentEvent, type Journey } from '~/sandbox/seed/journeys.server';
import { amountOfBag } from '~/sandbox/seed/money.server';
import { settleLines } from '~/sandbox/seed/order-lines.server';
import { buildFulfillmentLineItem, carrierTracking, toFulfillment } from '~/sandbox/seed/order-parcels.server';
import { fulfillmentStatusOf } from '~/sandbox/seed/order-totals.server';
import type { GqlObject, MoneyBag, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import { holdsOf } from './fulfillment-orders.server';

/*
 * The merchant fulfilling an order in Shopify's admin: every unit still to ship leaves in one
 * parcel, handed to the carrier. As in Shopify, an order whose fulfillment order is on hold cannot
 * be fulfilled until the hold is released; a cancelled one, or one with nothing left, neither.
 */

const HOUR = 3_600_000;
const ETA_HOURS = 72;
const list = (value: unknown) => (value ?? []) as GqlObject[];
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

const toDraftLine = (item: GqlObject): DraftLine => {
  const quantity = Number(item.quantity);
  const refunded = quantity - Number(item.refundableQuantity);
  return {
    item, quantity, giftCard: item.isGiftCard === true, refunded, unit: amountOfBag(item.originalUnitPriceSet as MoneyBag),
    fulfilled: quantity - refunded - Number(item.unfulfilledQuantity), inOpenReturn: quantity - refunded - Number(item.currentQuantity),
  };
};

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
  const fulfillmentLineItems = lines.map((line) => buildFulfillmentLineItem(line, line.quantity - line.refunded - line.fulfilled, nextId));
  for (const line of lines) line.fulfilled = line.quantity - line.refunded;
  settleLines(lines);
  const carrier = CARRIERS.colissimo;
  const at = isoTime(now.getTime());
  const eta = isoTime(now.getTime() + ETA_HOURS * HOUR);
  const handedOver = { status: 'IN_TRANSIT', place: carrier.origin, message: `Handed over to ${carrier.company} in ${carrier.origin.city}, on its way` };
  const journey: Journey = {
    events: [toFulfillmentEvent(nextId, handedOver, now.getTime(), eta)], displayStatus: 'IN_TRANSIT',
    createdAt: at, updatedAt: at, inTransitAt: at, deliveredAt: null, estimatedDeliveryAt: eta,
  };
  const fulfillment = toFulfillment({
    id: nextId('Fulfillment'), name: `${order.name}.${list(order.fulfillments).length + 1}`, order, journey,
    trackingInfo: [carrierTracking('colissimo', `order-${order.id}`)], fulfillmentLineItems,
  });
  order.fulfillments = [...list(order.fulfillments), fulfillment];
  const shipped = sum(list(order.fulfillments).flatMap((f) => list(f.fulfillmentLineItems)).map((fli) => Number(fli.quantity)));
  Object.assign(order, {
    displayFulfillmentStatus: fulfillmentStatusOf(sum(list(order.lineItems).map((item) => Number(item.unfulfilledQuantity))), shipped),
    fulfillable: false, updatedAt: at,
  });
  for (const object of [fulfillment, ...fulfillmentLineItems, ...list(journey.events)]) seed.nodes.set(String(object.id), object);
  return fulfillment;
}
