import { describe, expect, it } from 'vitest';
import { toShopperReply } from './shopper-reply';

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
