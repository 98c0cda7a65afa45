import { isoTime } from '~/sandbox/seed/build-context.server';
import { CARRIERS, type CarrierId } from '~/sandbox/seed/carriers.server';
import type { IdSequence } from '~/sandbox/seed/ids.server';
import { buildLine, settleLines } from '~/sandbox/seed/order-lines.server';
import { fulfillmentStatusOf } from '~/sandbox/seed/order-totals.server';
import type { CurrencyCode, GqlObject, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import { shipParcel, toDraftLine } from './ship-parcel.server';

/*
 * An exchange's new items leaving the warehouse, as Shopify records a native exchange: no new
 * order. The items join the original order as new line items (`ExchangeLineItem.lineItems`), and
 * the merchant's fulfillment of them is a new parcel of that order, already with the carrier.
 * Two steps, as in Shopify: processing (`returnProcess`) adds the line items, unfulfilled; shipping
 * (the merchant's fulfillment) adds the parcel.
 */

const STOPPED: Record<string, string> = { REQUESTED: 'not approved yet', DECLINED: 'declined', CANCELED: 'cancelled' };

const list = (value: unknown) => (value ?? []) as GqlObject[];
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Exchange line items (order lines) added by processing and not fulfilled yet. */
const unfulfilledItems = (ret: GqlObject) =>
  list(ret.exchangeLineItems).flatMap((eli) => list(eli.lineItems)).filter((item) => Number(item.unfulfilledQuantity) > 0);

/** Exchange lines whose new item has not been shipped yet: some units unprocessed, or processed and not fulfilled. */
export const unshippedExchangeLines = (ret: GqlObject) =>
  list(ret.exchangeLineItems).filter((eli) => Number(eli.unprocessedQuantity) > 0 || list(eli.lineItems).some((item) => Number(item.unfulfilledQuantity) > 0));

/** Every unit of every exchange line is processed: its new items are on the order, waiting to ship or shipped. */
export const isExchangeProcessed = (ret: GqlObject) => list(ret.exchangeLineItems).every((eli) => Number(eli.unprocessedQuantity) === 0);

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

/** The order's counts and fulfillment status after lines or parcels were added. */
function settleOrder(order: SeedOrder, added: number, at: string): void {
  const shipped = sum(list(order.fulfillments).flatMap((f) => list(f.fulfillmentLineItems)).map((fli) => Number(fli.quantity)));
  Object.assign(order, {
    displayFulfillmentStatus: fulfillmentStatusOf(sum(list(order.lineItems).map((item) => Number(item.unfulfilledQuantity))), shipped),
    subtotalLineItemsQuantity: Number(order.subtotalLineItemsQuantity) + added,
    currentSubtotalLineItemsQuantity: Number(order.currentSubtotalLineItemsQuantity) + added,
    updatedAt: at,
  });
}

/** A line item added by processing, as the seed's draft line it was built from (its unit price in both currencies). */

/**
 * `returnProcess` on an exchange line: `quantity` more units join the original order as a new,
 * unfulfilled line item (`ExchangeLineItem.lineItems`; `lineItem` stays the first), and move from
 * unprocessed to processed. Returns the new `LineItem`, registered for `node`. The caller validates.
 */
export function processExchangeUnits(seed: Seed, eli: GqlObject, quantity: number, order: SeedOrder, now: Date, nextId: IdSequence): GqlObject {
  const variant = seed.nodes.get(String(eli.variantId));
  if (variant?.__typename !== 'ProductVariant') throw new Error(`Exchange line ${String(eli.id)}: unknown variant ${String(eli.variantId)}`);
  const reasons = new Map(seed.returnReasonDefinitions.map((r) => [String(r.handle), r]));
  const line = buildLine(variant, quantity, order.presentmentCurrencyCode as CurrencyCode, { nextId, reasons });
  settleLines([line]);
  const lineItems = [...list(eli.lineItems), line.item];
  Object.assign(eli, {
    lineItems, lineItem: lineItems[0],
    processableQuantity: Math.max(0, Number(eli.processableQuantity) - quantity),
    processedQuantity: Number(eli.processedQuantity) + quantity,
    unprocessedQuantity: Number(eli.unprocessedQuantity) - quantity,
  });
  order.lineItems = [...list(order.lineItems), line.item];
  settleOrder(order, quantity, isoTime(now.getTime()));
  seed.nodes.set(String(line.item.id), line.item);
  return line.item;
}

/**
 * Ships the exchange's processed, unfulfilled line items in one new parcel already with the
 * carrier, and returns that `Fulfillment`; every new object is registered for `node`. The caller
 * processes the exchange first (`processExchangeUnits`) and checks `exchangeShipmentRefusal`.
 */
export function shipExchangeItems(seed: Seed, ret: GqlObject, now: Date, nextId: IdSequence): GqlObject {
  const order = ret.order as SeedOrder;
  const lines = unfulfilledItems(ret).map(toDraftLine);
  if (lines.length === 0) throw new Error(`${String(ret.name)}: no processed exchange item waits to ship`);
  const fulfillment = shipParcel(seed, order, lines, { carrierId: carrierOf(order), trackingKey: `exchange-${String(ret.id)}`, now, nextId });
  const at = isoTime(now.getTime());
  settleOrder(order, 0, at);
  return fulfillment;
}
