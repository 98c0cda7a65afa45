import { describe, expect, it } from 'vitest';
import { aLine, anOrder } from '~/orders/test-fixtures';
import type { Policy } from '~/policy/policy-schema';
import type { CaseExchange, CaseLine, ReturnDetails } from './details';
import { toReturnNoteSections } from './notes';

const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });
const policy = {
  reasons: [{ id: 'too-small', label: { en: 'Too small', fr: 'Trop petit' } }],
  sections: [{ clauses: [{ id: '5.5', title: { en: 'Exchanges', fr: 'Échanges' } }] }],
} as unknown as Policy;
const order = anOrder({ lineItems: [aLine({ title: 'Marinière Saint-Malo', variantTitle: 'M / Navy', sku: 'MAR-NAV-M', unitPrice: eur('45.00') })] });
const context = { order, policy, photos: new Map() };

const sameProduct: CaseExchange = {
  productId: 'gid://shopify/Product/1', variantId: 'gid://shopify/ProductVariant/14', productTitle: 'Marinière Saint-Malo', variantTitle: 'L / Navy',
  unitPrice: eur('45.00'), settle: 'none', difference: eur('0.00'), stockLeft: 4, ships: 'in_transit', clauseId: '5.5',
};
const polo: CaseExchange = { ...sameProduct, productId: 'gid://shopify/Product/2', variantId: 'gid://shopify/ProductVariant/21', productTitle: 'Polo Marin', variantTitle: 'M / Navy' };
const line = (overrides: Partial<CaseLine> = {}): CaseLine => ({
  fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/1', lineItemId: 'gid://shopify/LineItem/1', title: 'Marinière Saint-Malo', quantity: 1,
  reasonId: 'too-small', note: null, outcome: 'exchange', photoIds: [], decision: 'approved', clauseIds: ['5.5'], exchange: sameProduct, ...overrides,
});
const details = (...lines: CaseLine[]): ReturnDetails => ({
  lines, refundMethod: 'original_payment', totals: { itemsSubtotal: eur('45.00'), fees: eur('0.00'), estimatedRefund: eur('0.00') },
});
const noteOf = (language: 'en' | 'fr', ...lines: CaseLine[]) => toReturnNoteSections(details(...lines), context, language);
const exchangeLine = (language: 'en' | 'fr', exchange: CaseExchange) =>
  noteOf(language, line({ exchange })).subject.find((text) => text.startsWith(language === 'en' ? '   exchange: ' : '   échange: '));

describe('an exchange in the first note', () => {
  it('says the old item, the new one, its stock, the difference, when it ships and the clause, in English', () => {
    expect(noteOf('en', line()).subject).toEqual([
      'Items:',
      '1. Marinière Saint-Malo · M / Navy · SKU MAR-NAV-M — 1 × €45.00',
      '   reason: Too small',
      '   exchange: Marinière Saint-Malo M / Navy → L / Navy, in stock (4), no price difference, ships once the return is on its way, clause 5.5',
      '   → auto-approved (clauses: 5.5 Exchanges)',
    ]);
  });

  it('says it in French', () => {
    expect(exchangeLine('fr', sameProduct)).toBe(
      '   échange: Marinière Saint-Malo M / Navy → L / Navy, en stock (4), pas de différence de prix, part dès que le retour est en route, clause 5.5',
    );
  });

  it('names the other product in full, and each way of settling the difference, in both languages', () => {
    const settled = (settle: CaseExchange['settle'], language: 'en' | 'fr') => exchangeLine(language, { ...polo, settle, difference: settle === 'invoice' ? eur('4.00') : eur('5.00') });
    expect(settled('invoice', 'en')).toBe('   exchange: Marinière Saint-Malo M / Navy → Polo Marin M / Navy, in stock (4), €4.00 to pay (Shopify invoice), ships once the return is on its way, clause 5.5');
    expect(settled('refund', 'en')).toContain(', €5.00 refunded, ');
    expect(settled('store_credit', 'en')).toContain(', €5.00 as store credit, ');
    expect(settled('kept', 'en')).toContain(', €5.00 kept by the store, ');
    expect(settled('invoice', 'fr')).toContain('→ Polo Marin M / Navy, en stock (4), 4,00\u00a0€ à payer (facture Shopify), ');
    expect(settled('refund', 'fr')).toContain(', 5,00\u00a0€ remboursés, ');
    expect(settled('store_credit', 'fr')).toContain(', 5,00\u00a0€ en avoir, ');
    expect(settled('kept', 'fr')).toContain(', 5,00\u00a0€ gardés par la boutique, ');
  });

  it('says when stock is not tracked and when the new item ships', () => {
    expect(exchangeLine('en', { ...sameProduct, stockLeft: null, ships: 'now' })).toContain('L / Navy, stock not tracked, no price difference, ships at once (instant exchange), clause 5.5');
    expect(exchangeLine('en', { ...sameProduct, ships: 'received' })).toContain(', ships once the return is received, ');
    expect(exchangeLine('fr', { ...sameProduct, stockLeft: null, ships: 'now' })).toContain('stock non suivi, pas de différence de prix, part tout de suite (échange instantané), ');
    expect(exchangeLine('fr', { ...sameProduct, ships: 'received' })).toContain(', part dès réception du retour, ');
  });

  it('tells the agent to add the new item on approval when the line waits for review, and only then', () => {
    const review = line({ decision: 'needs_review' });
    expect(noteOf('en', review).subject.slice(-2)).toEqual([
      '   → needs review (clauses: 5.5 Exchanges)',
      '   Shopify takes no exchange on a return request: add the new item when you approve it',
    ]);
    expect(noteOf('fr', review).subject.at(-1)).toBe('   Shopify ne prend pas d’échange sur une demande de retour : ajoutez le nouvel article en l’approuvant');
    expect(noteOf('en', line()).subject.join('\n')).not.toContain('Shopify takes no exchange');
    // A refunded line waiting for review has nothing to add.
    expect(noteOf('en', line({ decision: 'needs_review', outcome: 'refund', exchange: undefined })).subject.join('\n')).not.toContain('Shopify takes no exchange');
  });

  it('writes no exchange line for a case kept before exchanges had their new item', () => {
    expect(noteOf('en', line({ exchange: undefined })).subject.join('\n')).not.toContain('exchange:');
  });

  it('names no refund method when every item is exchanged', () => {
    expect(noteOf('en', line()).outcome).toEqual(['Fees: €0.00', 'Estimated refund: €0.00']);
    expect(noteOf('en', line(), line({ outcome: 'refund', exchange: undefined })).outcome.at(-1)).toBe('Estimated refund: €0.00 (original payment)');
  });
});
