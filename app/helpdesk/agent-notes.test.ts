import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '~/cases/case-store';
import { formatMoney } from './format-money';
import type { ReturnDetails } from '~/cases/return/details';
import { toReturnNoteSections } from '~/cases/return/notes';
import { aLine, anOrder } from '~/orders/test-fixtures';
import type { Policy } from '~/policy/policy-schema';
import { toContextNote, toEventNote, toEventsNote, toOpeningMessage, toTicketSubject, type AgentLanguage, type ContextNote } from './agent-notes';
import { isNotedEvent } from './ticket-fields';

const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });
const returned: ReturnDetails = {
  lines: [{
    fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/1', lineItemId: 'gid://shopify/LineItem/1', title: 'Marinière', quantity: 1, reasonId: 'too-small',
    note: 'Serré aux épaules', outcome: 'store_credit', photoIds: ['a', 'k'], decision: 'needs_review', clauseIds: ['4.2'],
  }],
  refundMethod: 'store_credit',
  totals: { itemsSubtotal: eur('49.00'), fees: eur('4.00'), estimatedRefund: eur('45.00') },
};
const policy = {
  reasons: [{ id: 'too-small', label: { en: 'Too small', fr: 'Trop petit' } }],
  sections: [{ clauses: [{ id: '4.2', title: { en: 'Window', fr: 'Délai' } }] }],
} as unknown as Policy;
const order = anOrder({ lineItems: [aLine({ title: 'Marinière', variantTitle: 'Navy / M', sku: 'MAR-NAV-M', unitPrice: eur('49.00') })] });
const photos = new Map([['a', { attached: true as const }], ['k', { attached: false as const, link: 'https://p.example/photos/k' }]]);
const noteIn = (language: AgentLanguage): ContextNote => ({
  caseId: 'C-7KQ2M9XA', kind: 'return', orderName: '#1016', orderAdminUrl: 'https://admin.shopify.com/store/demo/orders/16',
  customer: { name: 'Emma Martin', email: 'emma@example.com' }, shopperLanguage: 'fr',
  ...toReturnNoteSections(returned, { order, policy, photos }, language),
  parcels: [
    { carrier: 'Colissimo', trackingNumber: '6A12345678901', trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901', status: 'delivered', holdsCaseItems: true },
    { carrier: null, trackingNumber: null, trackingUrl: null, status: 'in_transit', holdsCaseItems: false },
  ],
  policyVersion: 'abc123', caseUrl: 'https://p.example/agent/cases/TOKEN', caseUrlExpiresAt: new Date('2026-12-21T10:00:00Z'),
});

describe('agent notes', () => {
  it('holds the whole case in the first note, in the agent language', () => {
    const text = toContextNote(noteIn('fr'), 'fr');
    for (const part of ['Retour C-7KQ2M9XA · commande #1016', 'Emma Martin <emma@example.com>', 'Langue du client: fr',
      'Marinière · Navy / M · SKU MAR-NAV-M — 1 × 49,00\u00a0€', '« Serré aux épaules »', 'à examiner (clauses: 4.2 Délai)',
      '1 en pièce jointe', 'https://p.example/photos/k', 'Frais: 4,00\u00a0€', 'Remboursement estimé: 45,00\u00a0€ (avoir)', 'abc123']) {
      expect(text).toContain(part);
    }
  });

  it('lists each parcel with carrier, number, status and tracking link, marking the ones with the returned items', () => {
    const english = toContextNote(noteIn('en'), 'en').split('\n');
    expect(english.slice(english.indexOf('Parcels:'), english.indexOf('Parcels:') + 3)).toEqual([
      'Parcels:',
      '1. Colissimo · 6A12345678901 · delivered — https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901 (items of this request)',
      '2. carrier unknown · no tracking number · in transit',
    ]);
    expect(toContextNote(noteIn('fr'), 'fr')).toContain('2. transporteur inconnu · sans numéro de suivi · en transit');
    expect(toContextNote({ ...noteIn('en'), parcels: [] }, 'en')).toContain('Parcels: none shipped yet');
    expect(toContextNote({ ...noteIn('fr'), parcels: [] }, 'fr')).toContain('Colis: aucun envoi pour l’instant');
  });

  it('names the subject and each later event in one line, with its data below', () => {
    expect(toTicketSubject('return', 'C-7KQ2M9XA', '#1016', 'en')).toBe('Return C-7KQ2M9XA · order #1016');
    expect(toEventNote('return', { type: 'store_refused', data: { codes: ['INVALID'] } }, 'en')).toBe('Shopify refused the return; the case needs review\ncodes: INVALID');
    expect(toEventNote('return', { type: 'something_new', data: {} }, 'fr')).toBe('Événement: something_new');
  });

  it('links the agent case page, with its expiry, in the first note and on events that ask for an agent', () => {
    expect(toContextNote(noteIn('en'), 'en')).toContain('Case (agent view): https://p.example/agent/cases/TOKEN (link valid until 2026-12-21)');
    expect(toContextNote(noteIn('fr'), 'fr')).toContain('Dossier (vue agent): https://p.example/agent/cases/TOKEN (lien valable jusqu’au 2026-12-21)');
    const link = { url: 'https://p.example/agent/cases/T2', expiresAt: new Date('2027-01-01T00:00:00Z') };
    expect(toEventNote('return', { type: 'awaiting_review', data: {} }, 'en', link)).toBe(
      'Needs review: approve or decline it on the agent page (link below) or in Shopify\nCase (agent view): https://p.example/agent/cases/T2 (link valid until 2027-01-01)');
    expect(toEventNote('return', { type: 'refunded_by_store', data: {} }, 'en', link)).toBe('Refunded in Shopify');
  });

  it('says who decided on the agent page, and where, instead of crediting Shopify', () => {
    const approved = toEventNote('return', { type: 'approved_by_store', data: { via: 'agent_page', agentName: 'Marie', shopifyReturnId: 'gid://shopify/Return/9' } }, 'en');
    expect(approved).toBe('Approved by Marie from the Comptoir agent page: the return is open on Shopify\nshopifyReturnId: gid://shopify/Return/9');
    const declined = toEventNote('return', { type: 'declined_by_store', data: { via: 'agent_page', declineReason: 'FINAL_SALE' } }, 'fr');
    expect(declined).toBe('Refusé par un agent depuis la page agent de Comptoir : le client voit le motif et la note sur la page du dossier\ndeclineReason: FINAL_SALE');
  });

  it("prints money the agent's way, in the order's currency, never as '45.0 EUR'", () => {
    expect(formatMoney(eur('45.0'), 'en')).toBe('€45.00');
    expect(formatMoney(eur('45.0'), 'fr')).toBe('45,00\u00a0€');
    expect(formatMoney({ amount: '1234.5', currencyCode: 'USD' }, 'en')).toBe('$1,234.50');
    expect(formatMoney({ amount: '1234.5', currencyCode: 'USD' }, 'fr')).toBe('1\u202f234,50\u00a0$US');
    expect(formatMoney({ amount: '4500.0', currencyCode: 'JPY' }, 'en')).toBe('¥4,500');
    const english = toContextNote(noteIn('en'), 'en');
    expect(english).toContain('— 1 × €49.00');
    expect(english).toContain('Fees: €4.00');
    expect(english).toContain('Estimated refund: €45.00 (store credit)');
    expect(english).not.toMatch(/\d EUR/);
  });

  it("names the store in the ticket's opening message", () => {
    expect(toOpeningMessage('return', 'C-7KQ2M9XA', '#1016', 'Maison Lumière', 'en'))
      .toBe("Return request C-7KQ2M9XA submitted through Maison Lumière's self-service portal (order #1016).");
    expect(toOpeningMessage('return', 'C-7KQ2M9XA', '#1016', 'Maison Lumière', 'fr'))
      .toBe('Demande retour C-7KQ2M9XA envoyée depuis le portail libre-service de Maison Lumière (commande #1016).');
  });

  it('tells events that happened together in one note: where the case stands first, each detail once', () => {
    const returns = { returns: ['create:gid://shopify/Return/7:OPEN'] };
    const batch: Pick<CaseEvent, 'type' | 'data'>[] = [
      { type: 'shopify.returns_opened', data: returns },
      { type: 'submitted_to_store', data: { shopifyReturnId: 'gid://shopify/Return/7' } },
      { type: 'approved_by_store', data: {} },
    ];
    expect(toEventsNote('return', batch, 'en')).toBe([
      'Approved: the return is open on Shopify',
      'Just before: Return opened on Shopify · Submitted to the store (Shopify)',
      'returns: create:gid://shopify/Return/7:OPEN',
      'shopifyReturnId: gid://shopify/Return/7',
    ].join('\n'));
    expect(toEventsNote('return', batch, 'fr').split('\n').slice(0, 2)).toEqual([
      'Approuvé : le retour est ouvert sur Shopify',
      'Juste avant: Retour ouvert sur Shopify · Transmis à la boutique (Shopify)',
    ]);
    expect(toEventsNote('return', [batch[1]!], 'en')).toBe(toEventNote('return', batch[1]!, 'en'));
    expect(toEventsNote('return', [{ type: 'x', data: returns }, { type: 'y', data: returns }], 'en').match(/returns:/g)).toHaveLength(1);
  });
});
