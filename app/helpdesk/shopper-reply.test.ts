import { describe, expect, it } from 'vitest';
import { toLabelReply, toShopperReply } from './shopper-reply';

const input = { caseId: 'C-7KQ2M9XA', kind: 'return' as const, orderName: '#1016', caseUrl: 'https://shop.example/cases/C-7KQ2M9XA', customerName: 'Emma Martin', storeName: 'Maison Lumière' };

describe('public reply to the shopper', () => {
  it('says in English that the team has the request, with its reference and link', () => {
    const reply = toShopperReply(input, 'en');
    expect(reply.subject).toBe('Your return request C-7KQ2M9XA for order #1016');
    expect(reply.bodyText.split('\n')[0]).toBe('Hello Emma Martin,');
    expect(reply.bodyText).toContain('Our support team has your return request for order #1016. Its reference is C-7KQ2M9XA');
    expect(reply.bodyText).toContain('Follow your request here: https://shop.example/cases/C-7KQ2M9XA');
  });

  it('speaks French to a French shopper, and English to any other language', () => {
    const reply = toShopperReply({ ...input, customerName: null }, 'fr');
    expect(reply.subject).toBe('Votre demande de retour C-7KQ2M9XA pour la commande #1016');
    expect(reply.bodyText).toMatch(/^Bonjour,\n/);
    expect(reply.bodyText).toContain('Notre équipe support a bien reçu votre demande de retour pour la commande #1016. Sa référence est C-7KQ2M9XA');
    expect(reply.bodyText).toContain('Suivez votre demande ici : https://shop.example/cases/C-7KQ2M9XA');
    expect(toShopperReply(input, 'de').subject).toBe(toShopperReply(input, 'en').subject);
  });

  it('is signed by the store, in the shopper\'s language', () => {
    expect(toShopperReply(input, 'en').bodyText.split('\n').at(-1)).toBe('The Maison Lumière team');
    expect(toShopperReply(input, 'fr').bodyText.split('\n').at(-1)).toBe('L’équipe Maison Lumière');
  });

  it('leaves the link out rather than send one that cannot open from an email', () => {
    const reply = toShopperReply({ ...input, caseUrl: null }, 'en');
    expect(reply.bodyText).not.toContain('Follow your request');
    expect(reply.bodyText).toContain('Its reference is C-7KQ2M9XA');
  });
});

describe('the return label reply', () => {
  const label = {
    provider: 'aftership' as const, providerReturnId: 'r1', carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://ups.example/1Z999',
    labelUrl: 'https://labels.example/r1.pdf', qrCodeUrl: 'https://labels.example/r1.png', returnAddress: ['Warehouse', '1 Dock Rd'], shipBy: '2026-12-18', portalUrl: null,
  };
  const { kind: _kind, ...common } = input;

  it('gives the deadline, the label, the QR code hint, the carrier and tracking, and the address', () => {
    const reply = toLabelReply({ ...common, label }, 'en');
    expect(reply.subject).toBe('How to send back your return C-7KQ2M9XA (order #1016)');
    const lines = reply.bodyText.split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      '- Post the parcel by December 18, 2026.',
      '- Print the return label and stick it on the parcel: https://labels.example/r1.pdf',
      '- No printer? Your case page shows a QR code to present at the drop-off point.',
      '- Drop it off with UPS.',
      '- Tracking number: 1Z999 (https://ups.example/1Z999)',
      'Warehouse', '1 Dock Rd',
    ]));
    expect(lines.at(-1)).toBe('The Maison Lumière team');
  });

  it('tells a shopper with no label to use their own carrier, in French', () => {
    const own = { ...label, provider: 'store' as const, carrier: null, trackingNumber: null, trackingUrl: null, labelUrl: null, qrCodeUrl: null, shipBy: null };
    const reply = toLabelReply({ ...common, label: own }, 'fr');
    expect(reply.bodyText).toContain('- Envoyez-le avec le transporteur de votre choix et gardez le justificatif.');
    expect(reply.bodyText).not.toContain('Déposez le colis au plus tard');
  });
});
