import { hoursAgo, legacyIdOf, type BuildContext, type DraftLine } from './build-context.server';
import { CARRIERS, type CarrierId, type Place } from './carriers.server';
import type { IdSequence } from './ids.server';
import { buildJourney, type Journey } from './journeys.server';
import { moneyBag, scaleAmount } from './money.server';
import type { OrderSpec } from './order-spec.server';
import type { GqlObject } from './types.server';

function trackingInfoOf(spec: OrderSpec, index: number): GqlObject[] {
  const parcel = spec.parcels?.[index];
  if (!parcel) return [];
  if (parcel.carrier) return [carrierTracking(parcel.carrier, `order-${spec.number}-parcel-${index}`)];
  return parcel.trackingNumber
    ? [{ __typename: 'FulfillmentTrackingInfo', company: null, number: parcel.trackingNumber, url: null }]
    : [];
}

/** A carrier's tracking for one parcel: its company, a number drawn from `label`, its tracking page. */
export function carrierTracking(carrierId: CarrierId, label: string): GqlObject {
  const carrier = CARRIERS[carrierId];
  const number = carrier.trackingNumber(label);
  return { __typename: 'FulfillmentTrackingInfo', company: carrier.company, number, url: carrier.trackingUrl(number) };
}

/** `quantity` units of an order line in a parcel, at the line's price. */
export function buildFulfillmentLineItem(line: DraftLine, quantity: number, nextId: IdSequence): GqlObject {
  const total = moneyBag(scaleAmount(line.unit, quantity));
  return { __typename: 'FulfillmentLineItem', id: nextId('FulfillmentLineItem'), quantity, lineItem: line.item, originalTotalSet: total, discountedTotalSet: total };
}

/** A parcel as the Admin API serves it: its lines, tracking, and the dates and status its journey gives. */
export function toFulfillment(parcel: { id: string; name: string; order: GqlObject; journey: Journey; trackingInfo: GqlObject[]; fulfillmentLineItems: GqlObject[] }): GqlObject {
  const { id, journey, fulfillmentLineItems } = parcel;
  return {
    __typename: 'Fulfillment',
    id,
    legacyResourceId: legacyIdOf(id),
    name: parcel.name,
    order: parcel.order,
    status: 'SUCCESS',
    displayStatus: journey.displayStatus,
    createdAt: journey.createdAt,
    updatedAt: journey.updatedAt,
    inTransitAt: journey.inTransitAt,
    deliveredAt: journey.deliveredAt,
    estimatedDeliveryAt: journey.estimatedDeliveryAt,
    requiresShipping: fulfillmentLineItems.some((fli) => (fli.lineItem as GqlObject).requiresShipping === true),
    totalQuantity: fulfillmentLineItems.reduce((sum, fli) => sum + Number(fli.quantity), 0),
    trackingInfo: parcel.trackingInfo,
    events: journey.events,
    fulfillmentLineItems,
    location: null,
    service: null,
    originAddress: null,
  };
}

function assertChronological(orderNumber: number, events: GqlObject[], placedAt: string): void {
  let previous = placedAt;
  for (const event of events) {
    const at = String(event.happenedAt);
    if (at < previous) throw new Error(`Seed order #${orderNumber}: event ${String(event.status)} at ${at} precedes ${previous}`);
    previous = at;
  }
}

/** Fulfillments ("parcels") with their tracking, carrier events and fulfilled lines. */
export function buildParcels(spec: OrderSpec, order: GqlObject, lines: DraftLine[], destination: Place, ctx: BuildContext): GqlObject[] {
  const placedAt = hoursAgo(ctx, spec.placedHoursAgo);
  return (spec.parcels ?? []).map((parcel, index) => {
    if (parcel.shippedHoursAgo >= spec.placedHoursAgo) throw new Error(`Seed order #${spec.number}: parcel ${index} shipped before the order`);
    const journey = buildJourney(parcel.carrier, destination, parcel, ctx.now, ctx.nextId);
    assertChronological(spec.number, journey.events, placedAt);
    const id = ctx.nextId('Fulfillment');
    const fulfillmentLineItems = parcel.lines.map(([lineIndex, quantity]) => {
      const line = lines[lineIndex];
      if (!line) throw new Error(`Seed order #${spec.number}: parcel ${index} refers to missing line ${lineIndex}`);
      line.fulfilled += quantity;
      if (line.fulfilled > line.quantity) throw new Error(`Seed order #${spec.number}: line ${lineIndex} fulfilled twice`);
      return buildFulfillmentLineItem(line, quantity, ctx.nextId);
    });
    return toFulfillment({ id, name: `${String(order.name)}.${index + 1}`, order, journey, trackingInfo: trackingInfoOf(spec, index), fulfillmentLineItems });
  });
}
