import { estimateDelivery } from './delivery-estimate';
import { countShippableItems, getOrderHeadline, physicalParcels, type Headline } from './headline';
import { maskAddress, type MaskedAddress } from './mask';
import type { LineItem, Money, Order, ParcelStatus } from './types';

/** What the order page renders: plain JSON (dates as ISO strings), no upstream shapes. */
export type ItemView = {
  id: string;
  title: string;
  variantTitle: string | null;
  quantity: number;
  image: { url: string; altText: string | null } | null;
};

export type TrackingEventView = {
  status: ParcelStatus;
  happenedAt: string;
  message: string | null;
  location: string | null;
};

export type ParcelView = {
  id: string;
  number: number;
  status: ParcelStatus;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  estimatedDeliveryAt: string | null;
  /** The estimate's day has passed and the parcel is still not delivered. */
  deliveryLate: boolean;
  deliveredAt: string | null;
  latestEvent: TrackingEventView | null;
  /** Newest first, as shoppers read a timeline. */
  events: TrackingEventView[];
  items: ItemView[];
};

export type OrderView = {
  name: string;
  placedAt: string;
  cancelled: boolean;
  headline: Headline;
  itemCounts: { total: number; shipped: number };
  parcels: ParcelView[];
  unshippedItems: ItemView[];
  lineItems: (ItemView & { unitPrice: Money; giftCard: boolean; refundedQuantity: number })[];
  total: Money;
  shippingAddress: MaskedAddress | null;
};

const toItemView = (line: LineItem, quantity: number): ItemView => ({
  id: line.id,
  title: line.title,
  variantTitle: line.variantTitle,
  quantity,
  image: line.image,
});

/** `clock`: the time now and the store's zone, to tell a past estimate from a coming one. */
export function toOrderView(order: Order, clock?: { now: Date; timeZone: string }): OrderView {
  const linesById = new Map(order.lineItems.map((line) => [line.id, line]));
  const parcels = physicalParcels(order).map((parcel, index): ParcelView => {
      const events = [...parcel.events]
        .sort((a, b) => b.happenedAt.getTime() - a.happenedAt.getTime())
        .map((event) => ({ ...event, happenedAt: event.happenedAt.toISOString() }));
      const estimate = clock ? estimateDelivery(parcel, clock.now, clock.timeZone) : null;
      return {
        id: parcel.id,
        number: index + 1,
        status: parcel.status,
        carrier: parcel.carrier,
        trackingNumber: parcel.trackingNumber,
        trackingUrl: parcel.trackingUrl,
        estimatedDeliveryAt: parcel.status === 'delivered' ? null : (parcel.estimatedDeliveryAt?.toISOString() ?? null),
        deliveryLate: estimate?.late ?? false,
        deliveredAt: parcel.deliveredAt?.toISOString() ?? null,
        latestEvent: events[0] ?? null,
        events,
        items: parcel.lines.flatMap(({ lineItemId, quantity }) => {
          const line = linesById.get(lineItemId);
          return line ? [toItemView(line, quantity)] : [];
        }),
      };
    });
  const counts = countShippableItems(order);
  return {
    name: order.name,
    placedAt: order.createdAt.toISOString(),
    cancelled: order.cancelledAt !== null,
    headline: getOrderHeadline(order, clock),
    itemCounts: { total: counts.total, shipped: counts.shipped },
    parcels,
    unshippedItems: order.cancelledAt
      ? []
      : order.lineItems
          .filter((line) => line.requiresShipping && !line.isGiftCard)
          .map((line) => toItemView(line, Math.min(line.unfulfilledQuantity, line.currentQuantity)))
          .filter((item) => item.quantity > 0),
    lineItems: order.lineItems.map((line) => ({
      ...toItemView(line, line.quantity),
      unitPrice: line.unitPrice,
      giftCard: line.isGiftCard,
      refundedQuantity: line.quantity - line.currentQuantity,
    })),
    total: order.total,
    shippingAddress: order.shippingAddress ? maskAddress(order.shippingAddress) : null,
  };
}
