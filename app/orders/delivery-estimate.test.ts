import { describe, expect, it } from 'vitest';
import { estimateDelivery } from './delivery-estimate';
import { aParcel } from './test-fixtures';

const PARIS = 'Europe/Paris';
const eta = new Date('2026-12-03T10:00:00Z');

describe('estimateDelivery', () => {
  it('an estimate still ahead is an expected date', () => {
    const parcel = aParcel({ estimatedDeliveryAt: eta });
    expect(estimateDelivery(parcel, new Date('2026-12-01T09:00:00Z'), PARIS)).toEqual({ date: eta.toISOString(), late: false });
  });

  it('is not late during the expected day itself, up to midnight store time', () => {
    const parcel = aParcel({ estimatedDeliveryAt: eta });
    expect(estimateDelivery(parcel, new Date('2026-12-03T22:59:00Z'), PARIS)?.late).toBe(false);
    expect(estimateDelivery(parcel, new Date('2026-12-03T23:00:00Z'), PARIS)?.late).toBe(true);
  });

  it('counts days in the store zone, not in UTC', () => {
    // 23:30 UTC on 2 December is already 3 December in Paris, but still the 2nd in New York.
    const parcel = aParcel({ estimatedDeliveryAt: new Date('2026-12-02T23:30:00Z') });
    const now = new Date('2026-12-03T12:00:00Z');
    expect(estimateDelivery(parcel, now, PARIS)?.late).toBe(false);
    expect(estimateDelivery(parcel, now, 'America/New_York')?.late).toBe(true);
  });

  it('a parcel past its date and delayed by the carrier is late too', () => {
    const parcel = aParcel({ status: 'delayed', estimatedDeliveryAt: eta });
    expect(estimateDelivery(parcel, new Date('2026-12-05T09:00:00Z'), PARIS)).toEqual({ date: eta.toISOString(), late: true });
  });

  it('says nothing once delivered, failed or cancelled, or without an estimate', () => {
    const later = new Date('2026-12-05T09:00:00Z');
    expect(estimateDelivery(aParcel({ status: 'delivered', deliveredAt: eta, estimatedDeliveryAt: eta }), later, PARIS)).toBeNull();
    expect(estimateDelivery(aParcel({ status: 'failure', estimatedDeliveryAt: eta }), later, PARIS)).toBeNull();
    expect(estimateDelivery(aParcel({ status: 'cancelled', estimatedDeliveryAt: eta }), later, PARIS)).toBeNull();
    expect(estimateDelivery(aParcel({ estimatedDeliveryAt: null }), later, PARIS)).toBeNull();
  });
});
