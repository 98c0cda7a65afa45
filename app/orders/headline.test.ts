import { describe, expect, it } from 'vitest';
import { getOrderHeadline } from './headline';
import { aLine, aParcel, anOrder } from './test-fixtures';

const shirt = aLine({ id: 'L1', quantity: 2, currentQuantity: 2 });
const socks = aLine({ id: 'L2', title: 'Socks', quantity: 1, currentQuantity: 1 });

describe('getOrderHeadline', () => {
  it('says an order with nothing shipped is being prepared', () => {
    const order = anOrder({ lineItems: [{ ...shirt, unfulfilledQuantity: 2 }], parcels: [] });
    expect(getOrderHeadline(order)).toEqual({ key: 'preparing' });
  });

  it('counts shipped units when only part of the order left', () => {
    const order = anOrder({
      lineItems: [shirt, { ...socks, unfulfilledQuantity: 1 }],
      parcels: [aParcel({ lines: [{ lineItemId: 'L1', quantity: 2 }] })],
    });
    expect(getOrderHeadline(order)).toEqual({ key: 'partlyShipped', shipped: 2, total: 3 });
  });

  it('gives the latest delivery date once every parcel has arrived', () => {
    const order = anOrder({
      lineItems: [shirt, socks],
      parcels: [
        aParcel({ id: 'P1', status: 'delivered', deliveredAt: new Date('2026-03-10T10:00:00Z'), lines: [{ lineItemId: 'L1', quantity: 2 }] }),
        aParcel({ id: 'P2', status: 'delivered', deliveredAt: new Date('2026-03-12T16:00:00Z'), lines: [{ lineItemId: 'L2', quantity: 1 }] }),
      ],
    });
    expect(getOrderHeadline(order)).toEqual({ key: 'delivered', date: '2026-03-12T16:00:00.000Z' });
  });

  it('does not call an order delivered while one parcel is still travelling', () => {
    const order = anOrder({
      lineItems: [shirt, socks],
      parcels: [
        aParcel({ id: 'P1', status: 'delivered', deliveredAt: new Date('2026-03-10T10:00:00Z'), lines: [{ lineItemId: 'L1', quantity: 2 }] }),
        aParcel({ id: 'P2', status: 'in_transit', estimatedDeliveryAt: new Date('2026-03-14T18:00:00Z'), lines: [{ lineItemId: 'L2', quantity: 1 }] }),
      ],
    });
    expect(getOrderHeadline(order)).toEqual({ key: 'onItsWay', date: '2026-03-14T18:00:00.000Z' });
  });

  it('says an order is running late once its latest estimate has passed on the store calendar, not before', () => {
    const eta = new Date('2026-03-14T18:00:00Z');
    const order = anOrder({ parcels: [aParcel({ status: 'in_transit', estimatedDeliveryAt: eta })] });
    const clock = (now: string) => ({ now: new Date(now), timeZone: 'Europe/Paris' });
    expect(getOrderHeadline(order, clock('2026-03-14T22:59:00Z'))).toEqual({ key: 'onItsWay', date: eta.toISOString() });
    expect(getOrderHeadline(order, clock('2026-03-14T23:00:00Z'))).toEqual({ key: 'runningLate', date: eta.toISOString() });
  });

  it('puts a failed delivery attempt first', () => {
    const order = anOrder({ parcels: [aParcel({ status: 'out_for_delivery' }), aParcel({ id: 'P2', status: 'attempted_delivery' })] });
    expect(getOrderHeadline(order)).toEqual({ key: 'deliveryProblem' });
  });

  it('announces a parcel out for delivery', () => {
    expect(getOrderHeadline(anOrder({ parcels: [aParcel({ status: 'out_for_delivery' })] }))).toEqual({ key: 'outForDelivery' });
  });

  it('reports a cancellation with its date, whatever else happened', () => {
    const order = anOrder({ cancelledAt: new Date('2026-11-10T08:00:00Z'), parcels: [] });
    expect(getOrderHeadline(order)).toEqual({ key: 'cancelled', date: '2026-11-10T08:00:00.000Z' });
  });

  it('treats an order of gift cards as sent by email', () => {
    const order = anOrder({ lineItems: [aLine({ isGiftCard: true, requiresShipping: false, unfulfilledQuantity: 0 })], parcels: [] });
    expect(getOrderHeadline(order)).toEqual({ key: 'digital' });
  });

  it('leaves refunded units and cancelled parcels out of the count', () => {
    const order = anOrder({
      lineItems: [{ ...shirt, currentQuantity: 1, unfulfilledQuantity: 1 }, socks],
      parcels: [aParcel({ id: 'P0', status: 'cancelled' }), aParcel({ lines: [{ lineItemId: 'L2', quantity: 1 }] })],
    });
    expect(getOrderHeadline(order)).toEqual({ key: 'partlyShipped', shipped: 1, total: 2 });
  });

  it('still says delivered once the delivered items are being returned or were refunded', () => {
    const order = anOrder({
      lineItems: [{ ...shirt, currentQuantity: 0 }],
      parcels: [aParcel({ status: 'delivered', deliveredAt: new Date('2026-03-10T10:00:00Z'), lines: [{ lineItemId: 'L1', quantity: 2 }] })],
    });
    expect(getOrderHeadline(order)).toEqual({ key: 'delivered', date: '2026-03-10T10:00:00.000Z' });
  });

  it('ignores the fulfilment Shopify records for a digital gift card', () => {
    const giftCard = aLine({ id: 'G1', isGiftCard: true, requiresShipping: false });
    const order = anOrder({
      lineItems: [giftCard, shirt],
      parcels: [
        aParcel({ id: 'PG', status: 'confirmed', carrier: null, trackingNumber: null, lines: [{ lineItemId: 'G1', quantity: 1 }] }),
        aParcel({ id: 'P1', status: 'delivered', deliveredAt: new Date('2026-03-10T10:00:00Z'), lines: [{ lineItemId: 'L1', quantity: 2 }] }),
      ],
    });
    expect(getOrderHeadline(order)).toEqual({ key: 'delivered', date: '2026-03-10T10:00:00.000Z' });
  });

  it('says a parcel with only a label is packed, not on its way', () => {
    expect(getOrderHeadline(anOrder({ parcels: [aParcel({ status: 'label_created' })] }))).toEqual({ key: 'packed' });
  });

  it('says "on its way" without a date when the carrier gave none', () => {
    expect(getOrderHeadline(anOrder())).toEqual({ key: 'onItsWay', date: null });
  });
});
