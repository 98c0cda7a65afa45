import { isoTime } from '~/sandbox/seed/build-context.server';
import { CARRIERS, type CarrierId } from '~/sandbox/seed/carriers.server';
import type { IdSequence } from '~/sandbox/seed/ids.server';
import { toFulfillmentEvent, type Journey } from '~/sandbox/seed/journeys.server';
import { buildLine, settleLines } from '~/sandbox/seed/order-lines.server';
import { buildFulfillmentLineItem, carrierTracking, toFulfillment } from '~/sandbox/seed/order-parcels.server';
import { fulfillmentStatusOf } from '~/sandbox/seed/order-totals.server';
import type { CurrencyCode, GqlObject, Seed, SeedOrder } from '~/sandbox/seed/types.server';

/*
 * An exchange's new items leaving the warehouse, as Shopify records a native exchange: no new
 * order. The items join the original order as new line items (`ExchangeLineItem.lineItems`), and
 * the merchant's fulfillment of them is a new parcel of that order, already with the carrier.
 */

const HOUR = 3_600_000;
/** The carrier's first estimate for a parcel handed over today. */
const ETA_HOURS = 72;

const STOPPED: Record<string, string> = { REQUESTED: 'not approved yet', DECLINED: 'declined', CANCELED: 'cancelled' };

const list = (value: unknown) => (value ?? []) as GqlObject[];
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Exchange lines whose new item has not been shipped yet. */
export const unshippedExchangeLines = (ret: GqlObject) => list(ret.exchangeLineItems).filter((eli) => eli.lineItems == null);

/** Why the new items of `ret` cannot ship, or null when they can: an approved return (open or closed) with some still to ship. */
export function exchangeShipmentRefusal(ret: GqlObject): string | null {
  const name = String(ret.name);
  if (list(ret.exchangeLineItems).length === 0) return `${name} has no exchange: there is no new item to ship.`;
  if (ret.status !== 'OPEN' && ret.status !== 'CLOSED') return `${name} is ${STOPPED[String(ret.status)] ?? String(ret.status).toLowerCase()}: its new item does not ship.`;
  if (unshippedExchangeLines(ret).length === 0) return `The new item for ${name} is already shipped.`;
  return null;
}

/** The carrier that brought the order (a French shop's Colissimo when its parcels name none). */
function carrierOf(order: SeedOrder): CarrierId {
  const company = list(order.fulfillments).flatMap((f) => list(f.trackingInfo)).map((t) => t.company).find(Boolean);
  return (Object.keys(CARRIERS) as CarrierId[]).find((id) => CARRIERS[id].company === company) ?? 'colissimo';
}

/**
 * Adds the exchange's unshipped items to its order as line items, fulfilled by one new parcel in
 * transit, and marks the exchange lines processed. Returns that `Fulfillment`; every new object is
 * registered for `node`. The caller checks `exchangeShipmentRefusal` first.
 */
export function shipExchangeItems(seed: Seed, ret: GqlObject, now: Date, nextId: IdSequence): GqlObject {
  const order = ret.order as SeedOrder;
  const reasons = new Map(seed.returnReasonDefinitions.map((r) => [String(r.handle), r]));
  const lines = unshippedExchangeLines(ret).map((eli) => {
    const variant = seed.nodes.get(String(eli.variantId));
    if (variant?.__typename !== 'ProductVariant') throw new Error(`Exchange line ${String(eli.id)}: unknown variant ${String(eli.variantId)}`);
    const line = buildLine(variant, Number(eli.quantity), order.presentmentCurrencyCode as CurrencyCode, { nextId, reasons });
    line.fulfilled = line.quantity;
    Object.assign(eli, { lineItems: [line.item], lineItem: line.item, processableQuantity: 0, processedQuantity: eli.quantity, unprocessedQuantity: 0 });
    return line;
  });
  settleLines(lines);

  const carrierId = carrierOf(order);
  const carrier = CARRIERS[carrierId];
  const at = isoTime(now.getTime());
  const eta = isoTime(now.getTime() + ETA_HOURS * HOUR);
  const handedOver = { status: 'IN_TRANSIT', place: carrier.origin, message: `Handed over to ${carrier.company} in ${carrier.origin.city}, on its way` };
  const journey: Journey = {
    events: [toFulfillmentEvent(nextId, handedOver, now.getTime(), eta)], displayStatus: 'IN_TRANSIT',
    createdAt: at, updatedAt: at, inTransitAt: at, deliveredAt: null, estimatedDeliveryAt: eta,
  };
  const fulfillmentLineItems = lines.map((line) => buildFulfillmentLineItem(line, line.quantity, nextId));
  const fulfillment = toFulfillment({
    id: nextId('Fulfillment'), name: `${order.name}.${list(order.fulfillments).length + 1}`, order, journey,
    trackingInfo: [carrierTracking(carrierId, `exchange-${String(ret.id)}`)], fulfillmentLineItems,
  });

  const added = sum(lines.map((line) => line.quantity));
  order.lineItems = [...list(order.lineItems), ...lines.map((line) => line.item)];
  order.fulfillments = [...list(order.fulfillments), fulfillment];
  const shipped = sum(list(order.fulfillments).flatMap((f) => list(f.fulfillmentLineItems)).map((fli) => Number(fli.quantity)));
  Object.assign(order, {
    displayFulfillmentStatus: fulfillmentStatusOf(sum(list(order.lineItems).map((item) => Number(item.unfulfilledQuantity))), shipped),
    subtotalLineItemsQuantity: Number(order.subtotalLineItemsQuantity) + added,
    currentSubtotalLineItemsQuantity: Number(order.currentSubtotalLineItemsQuantity) + added,
    updatedAt: at,
  });
  for (const object of [fulfillment, ...fulfillmentLineItems, ...list(journey.events), ...lines.map((line) => line.item)]) {
    seed.nodes.set(String(object.id), object);
  }
  return fulfillment;
}
