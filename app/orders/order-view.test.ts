import { describe, expect, it } from 'vitest';
import { maskAddress } from './mask';
import { toOrderView } from './order-view';
import { aLine, aParcel, anOrder } from './test-fixtures';

describe('toOrderView', () => {
  const order = anOrder({
    lineItems: [
      aLine({ id: 'L1', quantity: 2, currentQuantity: 2 }),
      aLine({ id: 'L2', title: 'Tote bag', variantTitle: null, unfulfilledQuantity: 1 }),
      aLine({ id: 'L3', title: 'Gift card', isGiftCard: true, requiresShipping: false, quantity: 1, currentQuantity: 1 }),
    ],
    parcels: [
      aParcel({
        id: 'P1',
        lines: [{ lineItemId: 'L1', quantity: 2 }],
        estimatedDeliveryAt: new Date('2026-11-14T18:00:00Z'),
        events: [
          { status: 'confirmed', happenedAt: new Date('2026-11-10T09:00:00Z'), message: 'Label created', location: null },
          { status: 'in_transit', happenedAt: new Date('2026-11-11T07:30:00Z'), message: 'Arrived at sorting centre', location: 'Lyon, FR' },
        ],
      }),
      aParcel({ id: 'P-void', status: 'cancelled' }),
    ],
  });
  const view = toOrderView(order);

  it('lists parcels with their contents and the newest event first', () => {
    expect(view.parcels).toHaveLength(1);
    const [parcel] = view.parcels;
    expect(parcel).toMatchObject({ number: 1, carrier: 'Colissimo', trackingNumber: '6A12345678901' });
    expect(parcel!.items).toEqual([expect.objectContaining({ title: 'Linen shirt', quantity: 2 })]);
    expect(parcel!.latestEvent?.message).toBe('Arrived at sorting centre');
    expect(parcel!.events.map((e) => e.message)).toEqual(['Arrived at sorting centre', 'Label created']);
    expect(parcel!.estimatedDeliveryAt).toBe('2026-11-14T18:00:00.000Z');
  });

  it('marks a parcel late once its estimated day has passed in the store zone', () => {
    const at = (now: string) => toOrderView(order, { now: new Date(now), timeZone: 'Europe/Paris' });
    expect(at('2026-11-14T20:00:00Z').parcels[0]).toMatchObject({ deliveryLate: false, estimatedDeliveryAt: '2026-11-14T18:00:00.000Z' });
    expect(at('2026-11-15T08:00:00Z').parcels[0]).toMatchObject({ deliveryLate: true, estimatedDeliveryAt: '2026-11-14T18:00:00.000Z' });
    expect(at('2026-11-15T08:00:00Z').headline).toEqual({ key: 'partlyShipped', shipped: 2, total: 3 });
  });

  it('shows what has not shipped yet, leaving out gift cards', () => {
    expect(view.unshippedItems).toEqual([expect.objectContaining({ id: 'L2', title: 'Tote bag', quantity: 1 })]);
  });

  it('keeps every line with its price and flags gift cards', () => {
    expect(view.lineItems.map((l) => [l.title, l.quantity, l.unitPrice.amount, l.giftCard])).toEqual([
      ['Linen shirt', 2, '59.00', false],
      ['Tote bag', 1, '59.00', false],
      ['Gift card', 1, '59.00', true],
    ]);
    expect(view.headline).toEqual({ key: 'partlyShipped', shipped: 2, total: 3 });
  });

  it('is plain JSON, so it survives the trip to the browser unchanged', () => {
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });

  it('drops the estimate of a delivered parcel and shows nothing unshipped on a cancelled order', () => {
    const delivered = toOrderView(
      anOrder({ parcels: [aParcel({ status: 'delivered', deliveredAt: new Date('2026-11-12T10:00:00Z'), estimatedDeliveryAt: new Date('2026-11-12T18:00:00Z') })] }),
    );
    expect(delivered.parcels[0]).toMatchObject({ estimatedDeliveryAt: null, deliveredAt: '2026-11-12T10:00:00.000Z' });
    const cancelled = toOrderView(anOrder({ cancelledAt: new Date(), lineItems: [aLine({ unfulfilledQuantity: 1 })], parcels: [] }));
    expect(cancelled.unshippedItems).toEqual([]);
  });
});

describe('maskAddress', () => {
  it('keeps enough to recognise the address and hides the rest', () => {
    const masked = maskAddress(anOrder().shippingAddress!);
    expect(masked.name).toBe('Camille M.');
    expect(masked.lines.join(' | ')).toBe('•• r•• •• •• R••••••• | 75••• Paris | FR');
    expect(JSON.stringify(masked)).not.toContain('Roquette');
    expect(JSON.stringify(masked)).not.toContain('Martin');
  });
});
