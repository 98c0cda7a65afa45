import { isoTime, type DraftLine } from '~/sandbox/seed/build-context.server';
import { CARRIERS, type CarrierId } from '~/sandbox/seed/carriers.server';
import type { IdSequence } from '~/sandbox/seed/ids.server';
import { toFulfillmentEvent, type Journey } from '~/sandbox/seed/journeys.server';
import { amountOfBag } from '~/sandbox/seed/money.server';
import { settleLines } from '~/sandbox/seed/order-lines.server';
import { buildFulfillmentLineItem, carrierTracking, toFulfillment } from '~/sandbox/seed/order-parcels.server';
import type { GqlObject, MoneyBag, Seed, SeedOrder } from '~/sandbox/seed/types.server';

/*
 * A parcel leaving the warehouse during a sandbox run, as the merchant's fulfillment records it in
 * Shopify: the units still to ship of some order lines, handed to the carrier now, on their way.
 * The admin page's "Fulfil" (order-fulfil.server.ts) and an exchange's new items
 * (exchange-shipment.server.ts) both ship this way.
 */

const HOUR = 3_600_000;
/** The carrier's first estimate for a parcel handed over today. */
const ETA_HOURS = 72;

const list = (value: unknown) => (value ?? []) as GqlObject[];

/** An order line as the seed's builders count it, from the quantities Shopify reports on it now. */
export function toDraftLine(item: GqlObject): DraftLine {
  const quantity = Number(item.quantity);
  const refunded = quantity - Number(item.refundableQuantity);
  return {
    item, quantity, giftCard: item.isGiftCard === true, refunded,
    unit: amountOfBag(item.originalUnitPriceSet as MoneyBag),
    fulfilled: quantity - refunded - Number(item.unfulfilledQuantity), inOpenReturn: quantity - refunded - Number(item.currentQuantity),
  };
}

/**
 * Ships every unit of `lines` not yet fulfilled nor refunded, in one new parcel of `order` with
 * `carrierId` (its tracking number derived from `trackingKey`); returns the Fulfillment, registered
 * for `node`. The caller settles the order's own status.
 */
export function shipParcel(seed: Seed, order: SeedOrder, lines: DraftLine[], options: { carrierId: CarrierId; trackingKey: string; now: Date; nextId: IdSequence }): GqlObject {
  const { now, nextId } = options;
  const fulfillmentLineItems = lines.map((line) => buildFulfillmentLineItem(line, line.quantity - line.refunded - line.fulfilled, nextId));
  for (const line of lines) line.fulfilled = line.quantity - line.refunded;
  settleLines(lines);
  const carrier = CARRIERS[options.carrierId];
  const at = isoTime(now.getTime());
  const eta = isoTime(now.getTime() + ETA_HOURS * HOUR);
  const handedOver = { status: 'IN_TRANSIT', place: carrier.origin, message: `Handed over to ${carrier.company} in ${carrier.origin.city}, on its way` };
  const journey: Journey = {
    events: [toFulfillmentEvent(nextId, handedOver, now.getTime(), eta)], displayStatus: 'IN_TRANSIT',
    createdAt: at, updatedAt: at, inTransitAt: at, deliveredAt: null, estimatedDeliveryAt: eta,
  };
  const fulfillment = toFulfillment({
    id: nextId('Fulfillment'), name: `${order.name}.${list(order.fulfillments).length + 1}`, order, journey,
    trackingInfo: [carrierTracking(options.carrierId, options.trackingKey)], fulfillmentLineItems,
  });
  order.fulfillments = [...list(order.fulfillments), fulfillment];
  for (const object of [fulfillment, ...fulfillmentLineItems, ...list(journey.events)]) seed.nodes.set(String(object.id), object);
  return fulfillment;
}
