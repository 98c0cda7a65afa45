import { describe, expect, it } from 'vitest';
import type { LabelRequest } from '../ports';
import { createStoreLabelProvider } from './store-provider';

const request: LabelRequest = {
  caseId: 'C-7KQ2M9XA', orderId: 'gid://shopify/Order/1', orderName: '#1001', customerEmail: 'a@example.com', shippingZip: '75001',
  shipFrom: null, lines: [], refundMethod: 'original_payment', language: 'fr',
};
const address = ['Maison Lumière — Retours', '14 rue des Artisans', '69004 Lyon', 'France'];
// 00:30 in Paris on 2 December (still the 1st in UTC): the store's day starts the count.
const clock = () => new Date('2026-12-01T23:30:00Z');

describe('the store provider', () => {
  it("gives the brand's return address and a deadline the policy's window sets, and no label", async () => {
    const provider = createStoreLabelProvider({ returnAddress: address, shipWithinDays: 14, timeZone: 'Europe/Paris', clock });
    expect(await provider.requestLabel(request)).toEqual({
      status: 'issued',
      label: {
        provider: 'store', providerReturnId: 'C-7KQ2M9XA', carrier: null, trackingNumber: null, trackingUrl: null,
        labelUrl: null, qrCodeUrl: null, returnAddress: address, shipBy: '2026-12-16', portalUrl: null,
      },
    });
  });

  it('answers the same again for the same case (a retried job gets no second return)', async () => {
    const provider = createStoreLabelProvider({ returnAddress: address, shipWithinDays: null, timeZone: 'Europe/Paris', clock });
    const first = await provider.requestLabel(request);
    expect(await provider.requestLabel(request)).toEqual(first);
    expect(first.status === 'issued' && first.label.shipBy).toBeNull();
  });

  it('refuses when the store has no return address, so an agent takes over', async () => {
    const provider = createStoreLabelProvider({ returnAddress: null, shipWithinDays: 30, timeZone: 'Europe/Paris', clock });
    expect(await provider.requestLabel(request)).toMatchObject({ status: 'refused', code: 'NO_RETURN_ADDRESS' });
  });
});
