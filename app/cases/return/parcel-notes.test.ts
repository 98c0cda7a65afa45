import { describe, expect, it } from 'vitest';
import { toEventNote } from '~/helpdesk/agent-notes';

const euros = (amount: string) => ({ amount, currencyCode: 'EUR' });

describe('parcel events on the ticket', () => {
  it('gives a label with its tracking link, PDF, QR code and deadline, leaving out what the provider did not give', () => {
    const note = toEventNote('return', {
      type: 'label_issued',
      data: {
        provider: 'loop', providerReturnId: 'lr_1', carrier: 'Colissimo', trackingNumber: '6A123', trackingUrl: 'https://track.example/6A123',
        labelUrl: 'https://loop.example/l.pdf', qrCodeUrl: null, returnAddress: null, shipBy: '2026-12-18', portalUrl: null,
      },
    }, 'en');
    expect(note.split('\n')).toEqual([
      'Return label issued: the shopper sees how to send the parcel back on the case page',
      'Provider: Loop Returns',
      'Tracking: Colissimo · 6A123 · https://track.example/6A123',
      'Label (PDF): https://loop.example/l.pdf',
      'Post by: 2026-12-18',
    ]);
  });

  it("gives the store's own return its address", () => {
    const note = toEventNote('return', { type: 'label_issued', data: { provider: 'store', returnAddress: ['Maison Lumière', '69004 Lyon'], shipBy: null } }, 'fr');
    expect(note).toContain('Envoyer à: Maison Lumière, 69004 Lyon');
  });

  it('gives a refund with its amount and method, and no difference when it matches the estimate', () => {
    const note = toEventNote('return', { type: 'refund_issued', data: { amount: euros('30.00'), method: 'original_payment', estimate: euros('30.00') } }, 'en');
    expect(note.split('\n')).toEqual(['Refund issued', 'Refunded: €30.00 (original payment) — estimated €30.00']);
  });

  it('tells the agent how far the actual refund is from the estimate', () => {
    const en = toEventNote('return', { type: 'refund_issued', data: { amount: euros('27.50'), method: 'store_credit', estimate: euros('30.00') } }, 'en');
    expect(en).toContain('Differs from the estimate by -€2.50: check the refund in Shopify');
    const fr = toEventNote('return', { type: 'refund_issued', data: { amount: euros('27.50'), method: 'store_credit', estimate: euros('30.00') } }, 'fr');
    expect(fr).toMatch(/avoir/);
    expect(fr).toMatch(/Écart de -2,50\s€ avec l’estimation/);
  });

  it('links the agent page on a refused label and a cancelled return, which need an agent', () => {
    const link = { url: 'https://portal.example/agent/cases/x', expiresAt: new Date('2027-01-01') };
    expect(toEventNote('return', { type: 'label_refused', data: { provider: 'aftership', code: 'ORDER_NOT_FOUND', message: 'no order' } }, 'en', link)).toContain(link.url);
    expect(toEventNote('return', { type: 'return_cancelled', data: { provider: 'loop' } }, 'fr', link)).toContain(link.url);
    expect(toEventNote('return', { type: 'parcel_in_transit', data: { carrier: null, trackingNumber: null, trackingUrl: null } }, 'en', link)).toBe('Return parcel in transit');
  });
});
