import { describe, expect, it } from 'vitest';
import { pathForward } from '~/cases/case-state';
import { PARCEL_STEPS, type ParcelUpdate } from './ports';
import { EVENT_OF_STATE, STATE_OF_STEP, sortByOccurrence, toParcelEventData } from './parcel-steps';

const update = (patch: Partial<ParcelUpdate>): ParcelUpdate => ({ provider: 'aftership', providerReturnId: 'r1', caseId: null, step: null, occurredAt: null, label: null, refund: null, ...patch });
const euros = (amount: string) => ({ amount, currencyCode: 'EUR' });

describe('parcel steps', () => {
  it('puts every step in a state a return reaches from approved, and logs a parcel event there', () => {
    for (const step of PARCEL_STEPS) {
      const state = STATE_OF_STEP[step];
      expect(pathForward('return', 'approved', state), step).not.toBeNull();
      expect(EVENT_OF_STATE[state], step).toBeTruthy();
    }
  });

  it("logs a label with what the provider said and nulls for the rest", () => {
    expect(toParcelEventData('label_issued', update({ label: { carrier: 'UPS', trackingNumber: '1Z' } }), null)).toEqual({
      provider: 'aftership', providerReturnId: 'r1', carrier: 'UPS', trackingNumber: '1Z', trackingUrl: null, labelUrl: null, qrCodeUrl: null,
      returnAddress: null, shipBy: null, portalUrl: null,
    });
  });

  it("logs the provider's refund, or the estimate when it gives no amount, and store credit as such", () => {
    expect(toParcelEventData('refunded', update({ step: 'refunded', refund: { amount: euros('12.00'), method: 'original_payment' } }), euros('15.00')))
      .toEqual({ amount: euros('12.00'), method: 'original_payment', estimate: euros('15.00') });
    expect(toParcelEventData('refunded', update({ step: 'store_credit_issued' }), euros('15.00')))
      .toEqual({ amount: euros('15.00'), method: 'store_credit', estimate: euros('15.00') });
  });

  it('orders kept deliveries by when they happened, undated ones last in arrival order', () => {
    const kept = [
      { id: 'c', event: { occurredAt: null }, receivedAt: new Date('2026-12-01T10:00:00Z') },
      { id: 'b', event: { occurredAt: new Date('2026-12-03') }, receivedAt: new Date('2026-12-01T09:00:00Z') },
      { id: 'a', event: { occurredAt: new Date('2026-12-02') }, receivedAt: new Date('2026-12-01T11:00:00Z') },
      { id: 'd', event: { occurredAt: null }, receivedAt: new Date('2026-12-01T12:00:00Z') },
    ];
    expect(sortByOccurrence(kept).map((item) => item.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});
