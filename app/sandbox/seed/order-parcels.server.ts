import { hoursAgo, legacyIdOf, type BuildContext, type DraftLine } from './build-context.server';
import { CARRIERS, type Place } from './carriers.server';
import { buildJourney } from './journeys.server';
import { moneyBag, scaleAmount } from './money.server';
import type { OrderSpec } from './order-spec.server';
import type { GqlObject } from './types.server';

function trackingInfoOf(spec: OrderSpec, index: number): GqlObject[] {
  const parcel = spec.parcels?.[index];
  if (!parcel) return [];
  if (parcel.carrier) {
    const carrier = CARRIERS[parcel.carrier];
    const number = carrier.trackingNumber(`order-${spec.number}-parcel-${index}`);
    return [{ __typename: 'FulfillmentTrackingInfo', company: carrier.company, number, url: carrier.trackingUrl(number) }];
  }
  return parcel.trackingNumber
    ? [{ __typename: 'FulfillmentTrackingInfo', company: null, number: parcel.trackingNumber, url: null }]
    : [];
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
      const total = moneyBag(scaleAmount(line.unit, quantity));
      return {
        __typename: 'FulfillmentLineItem', id: ctx.nextId('FulfillmentLineItem'),
        quantity, lineItem: line.item, originalTotalSet: total, discountedTotalSet: total,
      };
    });
    return {
      __typename: 'Fulfillment',
      id,
      legacyResourceId: legacyIdOf(id),
      name: `${String(order.name)}.${index + 1}`,
      order,
      status: 'SUCCESS',
      displayStatus: journey.displayStatus,
      createdAt: journey.createdAt,
      updatedAt: journey.updatedAt,
      inTransitAt: journey.inTransitAt,
      deliveredAt: journey.deliveredAt,
      estimatedDeliveryAt: journey.estimatedDeliveryAt,
      requiresShipping: fulfillmentLineItems.some((fli) => (fli.lineItem as GqlObject).requiresShipping === true),
      totalQuantity: fulfillmentLineItems.reduce((sum, fli) => sum + fli.quantity, 0),
      trackingInfo: trackingInfoOf(spec, index),
      events: journey.events,
      fulfillmentLineItems,
      location: null,
      service: null,
      originAddress: null,
    };
  });
}
